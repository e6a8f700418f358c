/**
 * Reports over clients and their orders: industry segments, VIP clients, customer
 * lifetime value.
 */
@NullMarked
package io.ringside.reports;

import org.jspecify.annotations.NullMarked;
