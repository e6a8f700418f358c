package io.ringside.clients;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * A client's sales figures, from its orders that were not cancelled: turnover and number
 * of orders over the last 12 months (by the database's clock, the one that stamps
 * orders), the average order over all time, and the lifetime value that follows from them
 * with {@code ringside.figures.expected-years}. PostgreSQL computes them (the function
 * {@code client_figures} of migration V17), for one client here, next to the card and for
 * many clients at once in the reports.
 */
@Component
public class Figures {

	private final DatabaseClient db;

	private final int expectedYears;

	Figures(DatabaseClient db, Settings settings) {
		if (settings.expectedYears() < 1) {
			throw new IllegalArgumentException(
					"ringside.figures.expected-years must be at least 1, got " + settings.expectedYears());
		}
		this.db = db;
		this.expectedYears = settings.expectedYears();
	}

	/**
	 * The figures of one client; all zero for a client without orders or that does not
	 * exist.
	 */
	public Mono<ClientFigures> of(long clientId) {
		return db.sql("select * from client_figures(:client)").bind("client", clientId).map(this::read).one();
	}

	/** Reads the columns of {@code client_figures} from a row. */
	public ClientFigures read(Readable row) {
		BigDecimal averageOrder = row.get("average_order", BigDecimal.class);
		long ordersPerYear = row.get("orders_per_year", Long.class);
		return new ClientFigures(money(row.get("turnover", BigDecimal.class)), money(averageOrder), ordersPerYear,
				LifetimeValue.of(averageOrder, ordersPerYear, expectedYears));
	}

	/** Money as shown: two decimals, half up. */
	public static BigDecimal money(BigDecimal amount) {
		return amount.setScale(2, RoundingMode.HALF_UP);
	}

	/**
	 * One client's figures; money with two decimals. The lifetime value is computed from
	 * the average as shown, so the three numbers on a card multiply out exactly.
	 *
	 * @param turnover orders of the last 12 months
	 * @param averageOrder over all orders
	 * @param ordersPerYear orders of the last 12 months
	 */
	public record ClientFigures(BigDecimal turnover, BigDecimal averageOrder, long ordersPerYear,
			BigDecimal lifetimeValue) {
	}

	/** Settings of the figures. */
	@ConfigurationProperties("ringside.figures")
	public record Settings(@DefaultValue("3") int expectedYears) {
	}

}
