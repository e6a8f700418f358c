/** The board over REST: {@code GET /api/dashboard}. */
@NullMarked
package io.ringside.dashboard.web;

import org.jspecify.annotations.NullMarked;
