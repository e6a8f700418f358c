/**
 * The demo: a believable sales company seeded into an empty database, only when
 * {@code ringside.demo.enabled=true}.
 */
@NullMarked
package io.ringside.demo;

import org.jspecify.annotations.NullMarked;
