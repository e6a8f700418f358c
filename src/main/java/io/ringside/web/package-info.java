/**
 * What Ringside serves besides its API's handlers: the API documentation (OpenAPI) and, later, the pages.
 */
package io.ringside.web;
