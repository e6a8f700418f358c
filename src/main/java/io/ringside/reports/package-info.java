/** Reports over clients and their orders: industry segments, VIP clients, customer lifetime value. */
package io.ringside.reports;
