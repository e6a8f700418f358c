/**
 * What Ringside serves besides its API's handlers: the pages (login, manager console, CRM) and the API documentation (OpenAPI).
 */
package io.ringside.web;
