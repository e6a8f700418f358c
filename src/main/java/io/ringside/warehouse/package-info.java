/**
 * The warehouse: the orders to ship reach it at once, on {@code /topic/warehouse}, as
 * they are placed, shipped or cancelled, and whoever placed a back order hears when a
 * receipt fills it.
 */
@NullMarked
package io.ringside.warehouse;

import org.jspecify.annotations.NullMarked;
