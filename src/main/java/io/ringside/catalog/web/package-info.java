/** The catalogue's REST API: products, stock and orders. */
package io.ringside.catalog.web;
