/** The catalogue's REST API: products, stock and orders. */
@NullMarked
package io.ringside.catalog.web;

import org.jspecify.annotations.NullMarked;
