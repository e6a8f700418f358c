/** The rules of work over HTTP: {@code /api/rules}. */
@NullMarked
package io.ringside.rules.web;

import org.jspecify.annotations.NullMarked;
