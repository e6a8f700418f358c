/**
 * The warehouse: the orders to ship reach it at once, on {@code /topic/warehouse}, as
 * they are placed, shipped or cancelled.
 */
package io.ringside.warehouse;
