/**
 * The supervisors' live board: calls ringing and in progress, each employee's presence
 * and current call, and today's figures, as a snapshot ({@code GET /api/dashboard}, the
 * first message on {@code /topic/dashboard}) followed by changes. The API is
 * {@link io.ringside.dashboard.Dashboard} and the payloads
 * {@link io.ringside.dashboard.DashboardSnapshot} and
 * {@link io.ringside.dashboard.DashboardChange}; the payloads are described in
 * {@code docs/stomp.md}.
 */
@NullMarked
package io.ringside.dashboard;

import org.jspecify.annotations.NullMarked;
