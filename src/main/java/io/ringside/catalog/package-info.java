/** Products with their stock and the orders placed against it, which reach the warehouse at once. */
package io.ringside.catalog;
