/**
 * What Ringside serves besides its API's handlers: the pages (login, the manager and head of sales console, the
 * supervisors' board, CRM) and the API documentation (OpenAPI).
 */
package io.ringside.web;
