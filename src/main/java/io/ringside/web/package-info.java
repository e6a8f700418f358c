/**
 * What Ringside serves besides its API's handlers: the pages (login, the manager and head
 * of sales console, the supervisors' board, CRM), the API documentation (OpenAPI), and
 * the HTTP error model every module's handlers use
 * ({@link io.ringside.web.NotFoundException} and its kin, turned into RFC 9457 problem
 * documents).
 */
@NullMarked
package io.ringside.web;

import org.jspecify.annotations.NullMarked;
