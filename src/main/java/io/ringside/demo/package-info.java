/**
 * The demo: a believable sales company seeded into an empty database, only when
 * {@code ringside.demo.enabled=true}.
 */
package io.ringside.demo;
