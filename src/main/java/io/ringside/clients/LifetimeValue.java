package io.ringside.clients;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a client is worth over the whole relationship: average order value x orders per
 * year x expected years (10,000 per order, 4 orders a year, 3 years: 120,000). Money has
 * two decimals, rounded half up. Pure.
 */
final class LifetimeValue {

	private LifetimeValue() {
	}

	static BigDecimal of(BigDecimal averageOrder, long ordersPerYear, int expectedYears) {
		if (averageOrder.signum() < 0 || ordersPerYear < 0 || expectedYears < 0) {
			throw new IllegalArgumentException("lifetime value needs non-negative figures, got average " + averageOrder
					+ ", " + ordersPerYear + " orders a year, " + expectedYears + " years");
		}
		return averageOrder.multiply(BigDecimal.valueOf(ordersPerYear))
			.multiply(BigDecimal.valueOf(expectedYears))
			.setScale(2, RoundingMode.HALF_UP);
	}

}
