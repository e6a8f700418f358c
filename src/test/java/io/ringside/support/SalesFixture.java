package io.ringside.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;

import io.ringside.clients.Client;
import io.ringside.team.Employee;

/**
 * Products and orders written with plain SQL, for tests of what is read from them: the
 * order service is not what these tests are about. Placing times are relative to the
 * database's clock, the one the figures use. Called from the test thread, where waiting
 * is fine.
 */
public final class SalesFixture {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final DatabaseClient db;

	private final TestData data;

	public SalesFixture(DatabaseClient db, TestData data) {
		this.db = db;
		this.data = data;
	}

	public Product product(String name, String price, int onHand, int incoming, LocalDate incomingDate,
			String attributes) {
		String sku = "SKU-" + data.unique();
		long id = db
			.sql("insert into products (sku, name, attributes, price, on_hand, incoming, incoming_date) "
					+ "values (:sku, :name, cast(:attributes as jsonb), :price, :onHand, :incoming, :incomingDate) "
					+ "returning id")
			.bind("sku", sku)
			.bind("name", name)
			.bind("attributes", attributes)
			.bind("price", new BigDecimal(price))
			.bind("onHand", onHand)
			.bind("incoming", incoming)
			.bind("incomingDate", Parameter.fromOrEmpty(incomingDate, LocalDate.class))
			.map(row -> row.get("id", Long.class))
			.one()
			.block(WAIT);
		return new Product(id, sku, name);
	}

	public Product product(String name) {
		return product(name, "100.00", 10, 0, null, "{}");
	}

	/**
	 * An order with the given total, placed this many days before now, with its lines.
	 */
	public long order(Client client, Employee employee, String status, String total, int daysAgo, Line... lines) {
		long id = db
			.sql("insert into orders (client_id, employee_id, status, total, placed_at) "
					+ "values (:client, :employee, :status, :total, now() - make_interval(days => :days)) returning id")
			.bind("client", client.id())
			.bind("employee", employee.id())
			.bind("status", status)
			.bind("total", new BigDecimal(total))
			.bind("days", daysAgo)
			.map(row -> row.get("id", Long.class))
			.one()
			.block(WAIT);
		for (Line line : lines) {
			db.sql("insert into order_lines (order_id, product_id, quantity, unit_price) "
					+ "values (:order, :product, :quantity, :price)")
				.bind("order", id)
				.bind("product", line.product().id())
				.bind("quantity", line.quantity())
				.bind("price", new BigDecimal(line.unitPrice()))
				.fetch()
				.rowsUpdated()
				.block(WAIT);
		}
		return id;
	}

	public record Product(long id, String sku, String name) {
	}

	public record Line(Product product, int quantity, String unitPrice) {

		public static Line of(Product product, int quantity) {
			return new Line(product, quantity, "100.00");
		}

	}

}
