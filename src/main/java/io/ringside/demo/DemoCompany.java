package io.ringside.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.ringside.clients.InteractionKind;
import io.ringside.clients.PhoneNumbers;
import io.ringside.team.Role;

/**
 * Everything the demo writes into an empty database: the team, the products with their
 * stock, the client companies with contacts and numbers, and a year of orders and
 * history. Plain values, made by {@link #generate}; the same seed and the same moment
 * give the same company. Rows refer to one another by index into these lists (clients,
 * orders), by login (employees) or by SKU (products), because the database chooses the
 * ids.
 */
record DemoCompany(List<Member> team, List<Product> products, List<Company> clients, List<Order> orders,
		List<Entry> history) {

	/**
	 * The seed of the demo that {@code ./mvnw spring-boot:run} shows: the same company on
	 * every machine.
	 */
	static final long SEED = 20_240_521L;

	/** Every demo login has this password. */
	static final String PASSWORD = "demo";

	/** The company works in Moscow time: history falls within its office hours. */
	static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

	static final String HEAD_OF_SALES = "head";

	/**
	 * The manager the demo shows as away, so that calls to their clients go to the head
	 * of sales. Presence does not exist yet; the presence work marks this login AWAY when
	 * it comes.
	 */
	static final String AWAY_MANAGER = "smirnova";

	static final List<Member> TEAM = List.of(new Member("admin", "Administrator", Role.ADMIN, null),
			new Member(HEAD_OF_SALES, "Elena Volkova", Role.HEAD_OF_SALES, "PJSIP/100"),
			new Member("ivanov", "Sergey Ivanov", Role.MANAGER, "PJSIP/101"),
			new Member("petrova", "Anna Petrova", Role.MANAGER, "PJSIP/102"),
			new Member("sidorov", "Dmitry Sidorov", Role.MANAGER, "PJSIP/103"),
			new Member(AWAY_MANAGER, "Olga Smirnova", Role.MANAGER, "PJSIP/104"),
			new Member("kuznetsov", "Alexey Kuznetsov", Role.MANAGER, "PJSIP/105"),
			new Member("supervisor", "Irina Sokolova", Role.SUPERVISOR, null),
			new Member("warehouse", "Pavel Morozov", Role.WAREHOUSE, null));

	/** The company as of {@code now}: history reaches a year back from it. */
	static DemoCompany generate(long seed, Instant now, PhoneNumbers numbers) {
		return new CompanyGenerator(seed, now, numbers).generate();
	}

	static List<Member> managers() {
		return TEAM.stream().filter(member -> member.role() == Role.MANAGER).toList();
	}

	/** A member of the demo team; all sign in with {@link #PASSWORD}. */
	record Member(String login, String fullName, Role role, @Nullable String extension) {
	}

	/**
	 * A product with its stock.
	 *
	 * @param attributes a JSON object
	 * @param incomingDate when {@code incoming} arrives; null when nothing is on its way
	 */
	record Product(String sku, String name, String attributes, BigDecimal price, int onHand, int incoming,
			@Nullable LocalDate incomingDate) {
	}

	/** A client company with its main number (E.164) and its contacts. */
	record Company(String name, String taxId, String industry, boolean vip, String ownerLogin, Instant createdAt,
			String mainNumber, List<Contact> contacts) {
	}

	/** A person at a client, with their own number (E.164). */
	record Contact(String fullName, String position, String email, String number, String label) {
	}

	/** An order of {@code clients().get(client)}. */
	record Order(int client, String employeeLogin, String status, Instant placedAt, List<Line> lines) {

		BigDecimal total() {
			return lines.stream()
				.map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
				.reduce(BigDecimal.ZERO, BigDecimal::add);
		}

	}

	record Line(String sku, int quantity, BigDecimal unitPrice) {
	}

	/**
	 * One entry of a client's history.
	 *
	 * @param order the index into {@code orders()} for an ORDER entry, else null
	 */
	record Entry(int client, InteractionKind kind, String employeeLogin, Instant occurredAt, @Nullable String callId,
			@Nullable Integer order, String text) {
	}

}
