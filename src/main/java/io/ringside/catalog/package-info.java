/**
 * Products with their stock and the orders placed against it, which reach the warehouse
 * at once.
 */
@NullMarked
package io.ringside.catalog;

import org.jspecify.annotations.NullMarked;
