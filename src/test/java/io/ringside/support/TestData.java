package io.ringside.support;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.TestComponent;

import io.ringside.catalog.Product;
import io.ringside.catalog.Products;
import io.ringside.clients.CallerDirectory;
import io.ringside.clients.Client;
import io.ringside.clients.Clients;
import io.ringside.clients.Clients.NewClient;
import io.ringside.team.Employee;
import io.ringside.team.Employees;
import io.ringside.team.Employees.NewEmployee;
import io.ringside.team.Role;

/**
 * Makes the rows a test needs through the application's own services, with names no other
 * test uses, and returns once routing sees them ({@link CallerDirectory#seen}), as the
 * API does. Called from the test thread, where waiting for the result is fine.
 */
@TestComponent
public class TestData {

	public static final String PASSWORD = "test-secret";

	/**
	 * Where unknown callers go in integration tests: a ring group of three phones, see
	 * {@link #leadLine()}.
	 */
	public static final String LEAD_LINE = "PJSIP/990001&PJSIP/990002&PJSIP/990003";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final AtomicInteger sequence = new AtomicInteger();

	private static final int seed = ThreadLocalRandom.current().nextInt(1 << 20);

	private static final String run = Integer.toString(seed, 36);

	private final Employees employees;

	private final Clients clients;

	private final Products products;

	private final CallerDirectory directory;

	TestData(Employees employees, Clients clients, Products products, CallerDirectory directory) {
		this.employees = employees;
		this.clients = clients;
		this.products = products;
		this.directory = directory;
	}

	public Employee employee(Role role) {
		String login = role.name().toLowerCase().replace('_', '-') + "-" + run + "-" + sequence.incrementAndGet();
		return directory.seen(employees.create(new NewEmployee(login, "Test " + login, role, null, PASSWORD)))
			.block(WAIT);
	}

	/**
	 * An employee with a phone of their own, e.g. {@code PJSIP/712345}: six digits, never
	 * a demo phone.
	 */
	public Employee employeeWithPhone(Role role) {
		String login = role.name().toLowerCase().replace('_', '-') + "-" + run + "-" + sequence.incrementAndGet();
		String extension = "PJSIP/" + (100_000 + Math.floorMod(seed * 31 + sequence.incrementAndGet(), 900_000));
		return directory.seen(employees.create(new NewEmployee(login, "Test " + login, role, extension, PASSWORD)))
			.block(WAIT);
	}

	/**
	 * The three managers whose phones make up {@link #LEAD_LINE}, created once per test
	 * database.
	 */
	public synchronized List<Employee> leadLine() {
		return Flux.fromArray(LEAD_LINE.split("&"))
			.concatMap(extension -> employees.byExtension(extension)
				.switchIfEmpty(Mono.defer(() -> employees.create(new NewEmployee("lead-" + extension.substring(6),
						"Lead line " + extension, Role.MANAGER, extension, PASSWORD)))))
			.collectList()
			.flatMap(lead -> directory.seen(Mono.just(lead)))
			.block(WAIT);
	}

	public Client client(Employee owner, String... numbers) {
		return clientIn("Metallurgy", owner, numbers);
	}

	/**
	 * A client of this industry: tests of what a segment does give theirs an industry no
	 * other test uses.
	 */
	public Client clientIn(String industry, Employee owner, String... numbers) {
		return directory
			.seen(clients.create(
					new NewClient("Client " + unique(), null, industry, false, owner.login(), List.of(numbers)), owner))
			.block(WAIT);
	}

	/** A product with its own SKU, this price and this many units on hand. */
	public Product product(String name, BigDecimal price, int onHand) {
		return products.create(new Product(0, "T-" + unique(), name, Map.of("test", true), price, onHand, 0, null))
			.block(WAIT);
	}

	/**
	 * A product with its own SKU, this many units on hand and this many incoming on that
	 * date.
	 */
	public Product product(String name, BigDecimal price, int onHand, int incoming, LocalDate incomingDate) {
		return products
			.create(new Product(0, "T-" + unique(), name, Map.of("test", true), price, onHand, incoming, incomingDate))
			.block(WAIT);
	}

	public int onHand(String sku) {
		return products.requireBySku(sku).map(Product::onHand).block(WAIT);
	}

	/** A valid Moscow number that no other call of this method in this JVM returns. */
	public String uniqueMoscowNumber() {
		return "+7495" + (1_000_000 + Math.floorMod(seed * 7919 + sequence.incrementAndGet(), 9_000_000));
	}

	public String unique() {
		return run + "-" + sequence.incrementAndGet();
	}

}
