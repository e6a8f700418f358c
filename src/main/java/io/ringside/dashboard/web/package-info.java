/** The board over REST: {@code GET /api/dashboard}. */
package io.ringside.dashboard.web;
