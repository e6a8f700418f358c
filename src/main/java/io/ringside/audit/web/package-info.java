/**
 * The audit trail's REST API: {@code GET /api/audit}, for the admin and the head of
 * sales.
 */
@NullMarked
package io.ringside.audit.web;

import org.jspecify.annotations.NullMarked;
