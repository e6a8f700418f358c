package io.ringside.pops;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;

import io.ringside.push.StompClient;
import io.ringside.support.TestData;
import io.ringside.team.Employee;

/**
 * The pages of the pops tests: STOMP clients signed in as an employee, subscribed to
 * their pops or notifications, and what they received, read as JSON. Used on the test
 * thread; waits at most 30 seconds for what it reads.
 */
final class PopPages {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final URI stomp;

	private final JsonMapper json;

	PopPages(int port, JsonMapper json) {
		this.stomp = URI.create("ws://localhost:" + port + "/ws");
		this.json = json;
	}

	/**
	 * A page signed in as this employee with one subscription, and the snapshot it got
	 * before the RECEIPT.
	 */
	Subscribed subscribe(Employee employee, String destination) {
		StompClient page = StompClient.connect(stomp, employee.login(), TestData.PASSWORD, "0,0");
		page.send(StompCommand.SUBSCRIBE, Map.of("id", "sub", "destination", destination, "receipt", "subscribed"));
		List<Map<String, Object>> snapshot = page.commands()
			.skip(1)
			.takeUntil(frame -> StompClient.command(frame) == StompCommand.RECEIPT)
			.filter(frame -> StompClient.command(frame) == StompCommand.MESSAGE)
			.publishOn(Schedulers.boundedElastic())
			.map(this::read)
			.collectList()
			.block(WAIT);
		return new Subscribed(page, snapshot);
	}

	/**
	 * A page subscribed to its pops; a snapshot of calls still going on from other tests
	 * is let through.
	 */
	StompClient subscribedToPops(Employee employee) {
		return subscribe(employee, "/user/queue/pops").page();
	}

	/**
	 * The first {@code count} messages about this call the page received, snapshot
	 * included.
	 */
	List<Map<String, Object>> messages(StompClient page, String callId, int count) {
		return page.commands()
			.filter(frame -> StompClient.command(frame) == StompCommand.MESSAGE)
			.publishOn(Schedulers.boundedElastic())
			.map(this::read)
			.filter(message -> callId.equals(message.get("callId")))
			.take(count)
			.collectList()
			.block(WAIT);
	}

	/** The first {@code count} messages the page received that match. */
	List<Map<String, Object>> messages(StompClient page, Predicate<Map<String, Object>> matching, int count) {
		return page.commands()
			.filter(frame -> StompClient.command(frame) == StompCommand.MESSAGE)
			.publishOn(Schedulers.boundedElastic())
			.map(this::read)
			.filter(matching)
			.take(count)
			.collectList()
			.block(WAIT);
	}

	/** The first {@code count} pops of this call on a page subscribed to its pops. */
	List<Map<String, Object>> pops(StompClient page, String callId, int count) {
		return messages(page, callId, count);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> read(Message<byte[]> frame) {
		return (Map<String, Object>) json.readValue(StompClient.body(frame), Map.class);
	}

	/** A page and the snapshot it received on subscribing; closing it closes the page. */
	record Subscribed(StompClient page, List<Map<String, Object>> messages) implements AutoCloseable {

		@Override
		public void close() {
			page.close();
		}

	}

}
