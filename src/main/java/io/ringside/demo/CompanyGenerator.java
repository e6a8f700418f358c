package io.ringside.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import io.ringside.clients.InteractionKind;
import io.ringside.clients.PhoneNumbers;
import io.ringside.demo.Catalogue.Stock;
import io.ringside.demo.CompanyWords.City;
import io.ringside.demo.CompanyWords.Share;
import io.ringside.demo.DemoCompany.Company;
import io.ringside.demo.DemoCompany.Contact;
import io.ringside.demo.DemoCompany.Entry;
import io.ringside.demo.DemoCompany.Line;
import io.ringside.demo.DemoCompany.Member;
import io.ringside.demo.DemoCompany.Order;

/**
 * Builds a {@link DemoCompany} from {@link CompanyWords}, the {@link Catalogue} and one
 * seeded {@link Random}, so the result depends on the seed and the moment only. Not
 * thread-safe: one instance makes one company.
 */
final class CompanyGenerator {

	static final int CLIENTS = 200;

	static final String METALLURGY = "Metallurgy";

	static final String MACHINE_BUILDING = "Machine building";

	/**
	 * Clients per owner: a few key accounts stay with the head of sales, who also keeps
	 * them as VIPs.
	 */
	private static final List<Share> OWNERS = List.of(new Share(DemoCompany.HEAD_OF_SALES, 10), new Share("ivanov", 45),
			new Share("petrova", 42), new Share("sidorov", 38), new Share(DemoCompany.AWAY_MANAGER, 35),
			new Share("kuznetsov", 30));

	/** VIPs among the managers' clients, on top of the head of sales' own. */
	private static final int MANAGER_VIPS = 15;

	private final CompanyWords words = CompanyWords.load();

	private final Random random;

	private final Instant now;

	private final LocalDate today;

	private final Identities identities;

	private long calls;

	CompanyGenerator(long seed, Instant now, PhoneNumbers phoneNumbers) {
		this.random = new Random(seed);
		this.now = now;
		this.today = LocalDate.ofInstant(now, DemoCompany.ZONE);
		this.identities = new Identities(random, words, phoneNumbers);
	}

	DemoCompany generate() {
		List<Stock> stock = Catalogue.asOf(today);
		List<Company> clients = clients();
		List<Order> orders = new ArrayList<>();
		List<Entry> history = new ArrayList<>();
		for (int i = 0; i < clients.size(); i++) {
			history(i, clients.get(i), stock, orders, history);
		}
		// Orders are written in time order, so their ids grow with time as they would
		// have; ORDER entries follow.
		List<Integer> byTime = new ArrayList<>();
		for (int i = 0; i < orders.size(); i++) {
			byTime.add(i);
		}
		byTime.sort(Comparator.comparing(i -> orders.get(i).placedAt()));
		int[] position = new int[orders.size()];
		for (int i = 0; i < byTime.size(); i++) {
			position[byTime.get(i)] = i;
		}
		List<Entry> renumbered = new ArrayList<>();
		for (Entry entry : history) {
			renumbered.add(entry.order() == null ? entry : new Entry(entry.client(), entry.kind(),
					entry.employeeLogin(), entry.occurredAt(), entry.callId(), position[entry.order()], entry.text()));
		}
		renumbered.sort(Comparator.comparing(Entry::occurredAt));
		return new DemoCompany(DemoCompany.TEAM, stock.stream().map(Stock::product).toList(), clients,
				byTime.stream().map(orders::get).toList(), List.copyOf(renumbered));
	}

	private List<Company> clients() {
		List<String> industries = spread(words.industries());
		List<String> owners = spread(OWNERS);
		List<Boolean> managerVips = new ArrayList<>();
		for (int i = 0; i < CLIENTS - OWNERS.get(0).count(); i++) {
			managerVips.add(i < MANAGER_VIPS);
		}
		Collections.shuffle(managerVips, random);
		int managerClient = 0;
		List<Company> clients = new ArrayList<>();
		for (int i = 0; i < CLIENTS; i++) {
			String owner = owners.get(i);
			boolean vip = owner.equals(DemoCompany.HEAD_OF_SALES) || managerVips.get(managerClient++);
			clients.add(company(industries.get(i), owner, vip));
		}
		return clients;
	}

	private Company company(String industry, String owner, boolean vip) {
		City city = weighted(words.cities());
		String name = identities.uniqueName(industry, city);
		// Most clients have been with us for years; some arrived during the last year.
		int age = random.nextInt(100) < 15 ? 20 + random.nextInt(330) : 366 + random.nextInt(1100);
		Instant createdAt = officeHours(today.minusDays(age));
		String domain = name.replaceAll(" (LLC|JSC|PJSC)$", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "")
				+ ".ru";
		List<Contact> contacts = new ArrayList<>();
		Set<String> people = new HashSet<>();
		int count = 1 + random.nextInt(3);
		while (contacts.size() < count) {
			boolean female = random.nextInt(100) < 45;
			String first = pick(female ? words.femaleNames() : words.maleNames());
			String surname = pick(words.surnames()) + (female ? "a" : "");
			if (!people.add(first + " " + surname)) {
				continue;
			}
			boolean mobile = random.nextInt(100) < 65;
			String email = (first.charAt(0) + "." + surname).toLowerCase(Locale.ROOT) + "@" + domain;
			contacts.add(new Contact(first + " " + surname, pick(words.positions()), email,
					mobile ? identities.mobileNumber() : identities.landline(city), mobile ? "mobile" : "direct"));
		}
		return new Company(name, identities.taxId(city), industry, vip, owner, createdAt, identities.landline(city),
				List.copyOf(contacts));
	}

	private void history(int index, Company client, List<Stock> stock, List<Order> orders, List<Entry> history) {
		Member owner = member(client.ownerLogin());
		Member head = member(DemoCompany.HEAD_OF_SALES);
		Member creator = random.nextInt(100) < 70 ? owner : head;
		history.add(new Entry(index, InteractionKind.CLIENT_CREATED, creator.login(), client.createdAt(), null, null,
				"Client created by " + creator.fullName() + "; owner " + owner.fullName()));
		LocalDate created = LocalDate.ofInstant(client.createdAt(), DemoCompany.ZONE);
		LocalDate yearAgo = today.minusDays(365);
		LocalDate start = created.isAfter(yearAgo) ? created.plusDays(1) : yearAgo;
		long days = ChronoUnit.DAYS.between(start, today);
		double share = days / 365.0;
		int orderCount = (int) Math.round((client.vip() ? 4 + random.nextInt(7) : random.nextInt(9)) * share);
		for (int i = 0; i < orderCount; i++) {
			int daysAgo = 1 + random.nextInt((int) days);
			Instant placedAt = officeHours(today.minusDays(daysAgo));
			String status = daysAgo <= 10 && random.nextInt(100) < 60 ? "NEW"
					: random.nextInt(100) < 2 ? "CANCELLED" : "SHIPPED";
			Order order = new Order(index, owner.login(), status, placedAt, lines(client, stock));
			orders.add(order);
			history.add(new Entry(index, InteractionKind.ORDER, owner.login(), placedAt, null, orders.size() - 1,
					orderText(order)));
		}
		int entryCount = (int) Math.round((client.vip() ? 10 + random.nextInt(15) : 3 + random.nextInt(12)) * share);
		for (int i = 0; i < entryCount; i++) {
			Instant at = officeHours(today.minusDays(1 + random.nextInt((int) days)));
			// The head of sales takes some calls when the owner is out: that is what the
			// routing will do.
			Member who = random.nextInt(100) < 10 ? head : owner;
			int roll = random.nextInt(100);
			if (roll < 30) {
				history.add(new Entry(index, InteractionKind.CALL_IN, who.login(), at, callId(at), null,
						pick(words.callsIn())));
			}
			else if (roll < 65) {
				history.add(new Entry(index, InteractionKind.CALL_OUT, who.login(), at, callId(at), null,
						pick(words.callsOut())));
			}
			else if (roll < 75) {
				history.add(new Entry(index, InteractionKind.CALL_MISSED, owner.login(), at, callId(at), null,
						"Missed call from " + pick(client.contacts()).fullName()));
			}
			else if (roll < 90) {
				history.add(new Entry(index, InteractionKind.NOTE, who.login(), at, null, null, pick(words.notes())));
			}
			else {
				history.add(new Entry(index, InteractionKind.DECISION, who.login(), at, null, null,
						pick(words.decisions())));
			}
		}
	}

	private List<Line> lines(Company client, List<Stock> stock) {
		List<Stock> preferred = stock.stream().filter(s -> s.industries().contains(client.industry())).toList();
		List<Stock> general = stock.stream().filter(s -> s.industries().isEmpty()).toList();
		int count = 1 + random.nextInt(4);
		List<Line> lines = new ArrayList<>();
		Set<String> skus = new HashSet<>();
		while (lines.size() < count) {
			int roll = random.nextInt(100);
			List<Stock> from = roll < 75 && !preferred.isEmpty() ? preferred : roll < 95 ? general : stock;
			Stock item = pick(from);
			if (!skus.add(item.product().sku())) {
				continue;
			}
			int quantity = item.minQuantity() + random.nextInt(item.maxQuantity() - item.minQuantity() + 1);
			BigDecimal price = item.product().price();
			if (client.vip()) {
				price = price.multiply(new BigDecimal("0.95")).setScale(2, RoundingMode.HALF_UP);
			}
			lines.add(new Line(item.product().sku(), quantity, price));
		}
		return List.copyOf(lines);
	}

	private static String orderText(Order order) {
		return "Order of " + order.lines().size() + (order.lines().size() == 1 ? " item" : " items") + ", total "
				+ order.total().toPlainString() + " RUB" + switch (order.status()) {
					case "NEW" -> ", open";
					case "CANCELLED" -> ", later cancelled by the client";
					default -> ", shipped";
				};
	}

	private String callId(Instant at) {
		// Asterisk's Linkedid: the epoch second of the first channel, then a sequence
		// number.
		return at.getEpochSecond() + "." + (++calls);
	}

	/**
	 * A moment on that day, or the Monday after it, between 9:00 and 18:00 Moscow time;
	 * never later than now. Moving forward keeps whatever happens on a later day after a
	 * client's creation.
	 */
	private Instant officeHours(LocalDate day) {
		LocalDate date = day;
		while (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
			date = date.plusDays(1);
		}
		LocalTime time = LocalTime.of(9, 0).plusMinutes(random.nextInt(9 * 60)).plusSeconds(random.nextInt(60));
		Instant at = date.atTime(time).atZone(DemoCompany.ZONE).toInstant();
		return at.isBefore(now) ? at : now.minusSeconds(60 + random.nextInt(3600));
	}

	private List<String> spread(List<Share> shares) {
		List<String> values = new ArrayList<>();
		for (Share share : shares) {
			values.addAll(Collections.nCopies(share.count(), share.value()));
		}
		Collections.shuffle(values, random);
		return values;
	}

	private City weighted(List<City> cities) {
		int total = cities.stream().mapToInt(City::weight).sum();
		int roll = random.nextInt(total);
		for (City city : cities) {
			roll -= city.weight();
			if (roll < 0) {
				return city;
			}
		}
		throw new IllegalStateException();
	}

	private <T> T pick(List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	private static Member member(String login) {
		return DemoCompany.TEAM.stream().filter(m -> m.login().equals(login)).findFirst().orElseThrow();
	}

	/** The book's example brooms. */
	static final class Brooms {

		static final String GREEN_TURBO = "BRM-EL-GRN-T";

		static final String BROWN_TURBO = "BRM-EL-BRN-T";

		static final String GREEN = "BRM-EL-GRN";

		private Brooms() {
		}

	}

}
