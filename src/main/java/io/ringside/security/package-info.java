/**
 * Who may do what: sign-in with the employees' own logins (form login for pages, HTTP
 * Basic for the API), and the rules per role, failed sign-ins throttled in Redis, and the
 * security headers of every response. Refusals are RFC 9457 problem documents.
 */
@NullMarked
package io.ringside.security;

import org.jspecify.annotations.NullMarked;
