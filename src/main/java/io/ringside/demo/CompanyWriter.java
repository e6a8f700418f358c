package io.ringside.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.demo.DemoCompany.Company;
import io.ringside.demo.DemoCompany.Contact;
import io.ringside.demo.DemoCompany.Entry;
import io.ringside.demo.DemoCompany.Line;
import io.ringside.demo.DemoCompany.Member;
import io.ringside.demo.DemoCompany.Order;
import io.ringside.demo.DemoCompany.Product;
import io.ringside.team.Employee;
import io.ringside.team.Employees;
import io.ringside.team.Employees.NewEmployee;

/**
 * Writes a {@link DemoCompany} into a database without clients, with one insert per
 * table: each column travels as one array parameter and {@code unnest} turns the arrays
 * back into rows. The ids of clients, contacts and orders are drawn from their identity
 * sequences first, so that the rows referring to them can be written in bulk too.
 * <p>
 * The rules of work go with it ({@link DemoRules}). Returns publishers only; the caller
 * runs them in one transaction.
 */
final class CompanyWriter {

	private final DatabaseClient db;

	private final Employees employees;

	/** The demo's rules of work, read once, when the writer is made. */
	private final List<DemoRules.Entry> rules = DemoRules.read();

	CompanyWriter(DatabaseClient db, Employees employees) {
		this.db = db;
		this.employees = employees;
	}

	Mono<Void> write(DemoCompany company) {
		int contactCount = company.clients().stream().mapToInt(client -> client.contacts().size()).sum();
		return team(company.team())
			.flatMap(team -> products(company.products()).flatMap(products -> ids("clients", company.clients().size())
				.flatMap(clients -> ids("contacts", contactCount)
					.flatMap(contacts -> ids("orders", company.orders().size())
						.map(orders -> new Keys(team, products, clients, contacts, orders))))))
			.flatMap(keys -> clients(company.clients(), keys).then(contactsAndNumbers(company.clients(), keys))
				.then(orders(company.orders(), keys))
				.then(lines(company.orders(), keys))
				.then(history(company.history(), keys)))
			.then(DemoRules.write(db, rules));
	}

	/**
	 * Everyone through {@link Employees#create}, so their passwords are hashed the way
	 * sign-in expects.
	 */
	private Mono<Map<String, Long>> team(List<Member> team) {
		return Flux.fromIterable(team)
			.concatMap(member -> employees.create(new NewEmployee(member.login(), member.fullName(), member.role(),
					member.extension(), DemoCompany.PASSWORD)))
			.collectMap(Employee::login, Employee::id);
	}

	private Mono<Map<String, Long>> products(List<Product> products) {
		return db
			.sql("insert into products (sku, name, attributes, price, on_hand, incoming, incoming_date) "
					+ "select sku, name, attributes::jsonb, price::numeric, on_hand, incoming, "
					+ "nullif(incoming_date, '')::date "
					+ "from unnest(:sku, :name, :attributes, :price, :onHand, :incoming, :incomingDate) "
					+ "as p(sku, name, attributes, price, on_hand, incoming, incoming_date) returning id, sku")
			.bind("sku", column(products, Product::sku))
			.bind("name", column(products, Product::name))
			.bind("attributes", column(products, Product::attributes))
			.bind("price", column(products, p -> p.price().toPlainString()))
			.bind("onHand", products.stream().map(Product::onHand).toArray(Integer[]::new))
			.bind("incoming", products.stream().map(Product::incoming).toArray(Integer[]::new))
			.bind("incomingDate", column(products, p -> p.incomingDate() == null ? "" : p.incomingDate().toString()))
			.map(row -> Map.entry(row.get("sku", String.class), row.get("id", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * Takes {@code count} ids from the table's identity sequence, as the inserts would
	 * have.
	 */
	private Mono<Long[]> ids(String table, int count) {
		return db
			.sql("select nextval(pg_get_serial_sequence('" + table + "', 'id')) as id "
					+ "from generate_series(1, :count) order by 1")
			.bind("count", count)
			.map(row -> row.get("id", Long.class))
			.all()
			.collectList()
			.map(ids -> ids.toArray(Long[]::new));
	}

	private Mono<Void> clients(List<Company> companies, Keys keys) {
		return db.sql("insert into clients (id, name, tax_id, industry, vip, owner_id, created_at, updated_at) "
				+ "overriding system value "
				+ "select id, name, tax_id, industry, vip, owner_id, created_at::timestamptz, created_at::timestamptz "
				+ "from unnest(:id, :name, :taxId, :industry, :vip, :owner, :createdAt) "
				+ "as c(id, name, tax_id, industry, vip, owner_id, created_at)")
			.bind("id", keys.clients())
			.bind("name", column(companies, Company::name))
			.bind("taxId", column(companies, Company::taxId))
			.bind("industry", column(companies, Company::industry))
			.bind("vip", companies.stream().map(Company::vip).toArray(Boolean[]::new))
			.bind("owner", companies.stream().map(c -> keys.team().get(c.ownerLogin())).toArray(Long[]::new))
			.bind("createdAt", column(companies, c -> c.createdAt().toString()))
			.then();
	}

	/** Contacts, then every number: the company's main one and each contact's own. */
	private Mono<Void> contactsAndNumbers(List<Company> companies, Keys keys) {
		List<Long> contactClient = new ArrayList<>();
		List<Contact> contacts = new ArrayList<>();
		List<Long> numberClient = new ArrayList<>();
		List<Long> numberContact = new ArrayList<>();
		List<String> numbers = new ArrayList<>();
		List<String> labels = new ArrayList<>();
		List<String> contactCreated = new ArrayList<>();
		for (int i = 0; i < companies.size(); i++) {
			Company company = companies.get(i);
			Long client = keys.clients()[i];
			numberClient.add(client);
			numberContact.add(0L);
			numbers.add(company.mainNumber());
			labels.add("main");
			for (Contact contact : company.contacts()) {
				Long contactId = keys.contacts()[contacts.size()];
				contactClient.add(client);
				contacts.add(contact);
				contactCreated.add(company.createdAt().toString());
				numberClient.add(client);
				numberContact.add(contactId);
				numbers.add(contact.number());
				labels.add(contact.label());
			}
		}
		Mono<Void> insertContacts = db
			.sql("insert into contacts (id, client_id, full_name, position, email, created_at) overriding system value "
					+ "select id, client_id, full_name, position, email, created_at::timestamptz "
					+ "from unnest(:id, :client, :fullName, :position, :email, :createdAt) "
					+ "as c(id, client_id, full_name, position, email, created_at)")
			.bind("id", keys.contacts())
			.bind("client", contactClient.toArray(Long[]::new))
			.bind("fullName", column(contacts, Contact::fullName))
			.bind("position", column(contacts, Contact::position))
			.bind("email", column(contacts, Contact::email))
			.bind("createdAt", contactCreated.toArray(String[]::new))
			.then();
		Mono<Void> insertNumbers = db
			.sql("insert into phone_numbers (client_id, contact_id, e164, label) "
					+ "select client_id, nullif(contact_id, 0), e164, label "
					+ "from unnest(:client, :contact, :e164, :label) as n(client_id, contact_id, e164, label)")
			.bind("client", numberClient.toArray(Long[]::new))
			.bind("contact", numberContact.toArray(Long[]::new))
			.bind("e164", numbers.toArray(String[]::new))
			.bind("label", labels.toArray(String[]::new))
			.then();
		return insertContacts.then(insertNumbers);
	}

	/** Orders as they were placed; historical orders leave the stock as it is. */
	private Mono<Void> orders(List<Order> orders, Keys keys) {
		return db
			.sql("insert into orders (id, client_id, employee_id, status, total, placed_at) overriding system value "
					+ "select id, client_id, employee_id, status, total::numeric, placed_at::timestamptz "
					+ "from unnest(:id, :client, :employee, :status, :total, :placedAt) "
					+ "as o(id, client_id, employee_id, status, total, placed_at)")
			.bind("id", keys.orders())
			.bind("client", orders.stream().map(o -> keys.clients()[o.client()]).toArray(Long[]::new))
			.bind("employee", orders.stream().map(o -> keys.team().get(o.employeeLogin())).toArray(Long[]::new))
			.bind("status", column(orders, Order::status))
			.bind("total", column(orders, o -> o.total().toPlainString()))
			.bind("placedAt", column(orders, o -> o.placedAt().toString()))
			.then();
	}

	private Mono<Void> lines(List<Order> orders, Keys keys) {
		List<Long> order = new ArrayList<>();
		List<Long> product = new ArrayList<>();
		List<Integer> quantity = new ArrayList<>();
		List<String> unitPrice = new ArrayList<>();
		for (int i = 0; i < orders.size(); i++) {
			for (Line line : orders.get(i).lines()) {
				order.add(keys.orders()[i]);
				product.add(keys.products().get(line.sku()));
				quantity.add(line.quantity());
				unitPrice.add(line.unitPrice().toPlainString());
			}
		}
		return db.sql("insert into order_lines (order_id, product_id, quantity, unit_price) "
				+ "select order_id, product_id, quantity, unit_price::numeric "
				+ "from unnest(:order, :product, :quantity, :unitPrice) as l(order_id, product_id, quantity, unit_price)")
			.bind("order", order.toArray(Long[]::new))
			.bind("product", product.toArray(Long[]::new))
			.bind("quantity", quantity.toArray(Integer[]::new))
			.bind("unitPrice", unitPrice.toArray(String[]::new))
			.then();
	}

	private Mono<Void> history(List<Entry> history, Keys keys) {
		return db
			.sql("insert into interactions (client_id, kind, employee_id, occurred_at, call_id, order_id, text) "
					+ "select client_id, kind, employee_id, occurred_at::timestamptz, nullif(call_id, ''), "
					+ "nullif(order_id, 0), text "
					+ "from unnest(:client, :kind, :employee, :occurredAt, :callId, :order, :text) "
					+ "as i(client_id, kind, employee_id, occurred_at, call_id, order_id, text)")
			.bind("client", history.stream().map(e -> keys.clients()[e.client()]).toArray(Long[]::new))
			.bind("kind", column(history, e -> e.kind().name()))
			.bind("employee", history.stream().map(e -> keys.team().get(e.employeeLogin())).toArray(Long[]::new))
			.bind("occurredAt", column(history, e -> e.occurredAt().toString()))
			.bind("callId", column(history, e -> e.callId() == null ? "" : e.callId()))
			.bind("order",
					history.stream().map(e -> e.order() == null ? 0L : keys.orders()[e.order()]).toArray(Long[]::new))
			.bind("text", column(history, Entry::text))
			.then();
	}

	private static <T> String[] column(List<T> rows, Function<T, String> value) {
		return rows.stream().map(value).toArray(String[]::new);
	}

	/**
	 * The ids the database gave (team, products) or lent from its sequences (clients,
	 * contacts, orders).
	 */
	private record Keys(Map<String, Long> team, Map<String, Long> products, Long[] clients, Long[] contacts,
			Long[] orders) {
	}

}
