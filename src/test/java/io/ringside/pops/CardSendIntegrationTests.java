package io.ringside.pops;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;

import io.ringside.catalog.Orders;
import io.ringside.catalog.Product;
import io.ringside.clients.Client;
import io.ringside.clients.Clients;
import io.ringside.clients.Interaction;
import io.ringside.clients.InteractionKind;
import io.ringside.clients.Interactions;
import io.ringside.push.StompClient;
import io.ringside.support.IntegrationTest;
import io.ringside.support.TestData;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From the card over STOMP: SEND with a RECEIPT writes a note, places an order, creates
 * the unknown caller as a client, each in the client's history at once; a bad body or a
 * refusal gets an ERROR and changes nothing.
 */
class CardSendIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@Autowired
	Interactions interactions;

	@Autowired
	Orders orders;

	@Autowired
	Clients clients;

	private Employee owner;

	private Client client;

	private Product pipe;

	@BeforeEach
	void aClientAndAProduct() {
		owner = data.employee(Role.MANAGER);
		client = data.client(owner, data.uniqueMoscowNumber());
		pipe = data.product("Pipe 57", new BigDecimal("120.00"), 10);
	}

	@Test
	void aNoteFromTheCardLandsInTheHistoryBeforeTheReceipt() {
		Message<byte[]> reply = send(owner, "/app/notes", "{\"clientId\":" + client.id()
				+ ",\"kind\":\"DECISION\",\"text\":\"Send the offer on Monday\",\"callId\":\"card-1\"}");

		assertThat(StompClient.command(reply)).isEqualTo(StompCommand.RECEIPT);
		assertThat(history()).first().satisfies(entry -> {
			assertThat(entry.kind()).isEqualTo(InteractionKind.DECISION);
			assertThat(entry.text()).isEqualTo("Send the offer on Monday");
			assertThat(entry.employeeLogin()).isEqualTo(owner.login());
			assertThat(entry.callId()).isEqualTo("card-1");
		});
	}

	@Test
	void anOrderFromTheCardReservesTheStockAndLandsInTheHistory() {
		Message<byte[]> reply = send(owner, "/app/orders",
				"{\"clientId\":" + client.id() + ",\"lines\":[{\"sku\":\"" + pipe.sku() + "\",\"quantity\":3}]}");

		assertThat(StompClient.command(reply)).isEqualTo(StompCommand.RECEIPT);
		assertThat(data.onHand(pipe.sku())).isEqualTo(7);
		assertThat(orders.forClient(client.id(), 10).collectList().block(WAIT)).hasSize(1);
		assertThat(history()).extracting(Interaction::kind).contains(InteractionKind.ORDER);
	}

	@Test
	void anOrderFromTheCardMayBackOrderTheIncomingBatch() {
		Product broom = data.product("Electric broom, green, turbo", new BigDecimal("2700.00"), 1, 5,
				LocalDate.of(2030, 1, 31));

		Message<byte[]> reply = send(owner, "/app/orders", "{\"clientId\":" + client.id() + ",\"lines\":[{\"sku\":\""
				+ broom.sku() + "\",\"quantity\":4,\"backorder\":true}]}");

		assertThat(StompClient.command(reply)).isEqualTo(StompCommand.RECEIPT);
		assertThat(orders.forClient(client.id(), 10).collectList().block(WAIT)).singleElement()
			.satisfies(order -> assertThat(order.lines()).singleElement()
				.satisfies(line -> assertThat(line.backordered()).isEqualTo(3)));
		assertThat(data.onHand(broom.sku())).isZero();
	}

	@Test
	void anOrderForMoreThanTheStockGetsAnErrorAndChangesNothing() {
		Message<byte[]> reply = send(owner, "/app/orders",
				"{\"clientId\":" + client.id() + ",\"lines\":[{\"sku\":\"" + pipe.sku() + "\",\"quantity\":11}]}");

		assertThat(StompClient.command(reply)).isEqualTo(StompCommand.ERROR);
		assertThat(StompClient.header(reply, "message")).contains("Not enough stock")
			.contains("Only 10 of " + pipe.sku());
		assertThat(StompClient.header(reply, "receipt-id")).isEqualTo("sent");
		assertThat(data.onHand(pipe.sku())).isEqualTo(10);
		assertThat(orders.forClient(client.id(), 10).collectList().block(WAIT)).isEmpty();
	}

	@Test
	void aBadBodyGetsAnErrorThatSaysWhatWasExpectedAndWritesNothing() {
		int before = history().size();

		Message<byte[]> notJson = send(owner, "/app/notes", "not json");
		Message<byte[]> noText = send(owner, "/app/notes", "{\"clientId\":" + client.id() + ",\"text\":\"  \"}");
		Message<byte[]> noLines = send(owner, "/app/orders", "{\"clientId\":" + client.id() + ",\"lines\":[]}");

		assertThat(StompClient.command(notJson)).isEqualTo(StompCommand.ERROR);
		assertThat(StompClient.header(notJson, "message")).startsWith("Expected {");
		assertThat(StompClient.header(noText, "message")).isEqualTo("text is required");
		assertThat(StompClient.header(noLines, "message")).isEqualTo("lines: at least one is required");
		assertThat(history()).hasSize(before);
		assertThat(data.onHand(pipe.sku())).isEqualTo(10);
	}

	@Test
	void anotherManagersClientIsRefused() {
		Employee colleague = data.employee(Role.MANAGER);

		Message<byte[]> reply = send(colleague, "/app/notes",
				"{\"clientId\":" + client.id() + ",\"text\":\"Mine now\"}");

		assertThat(StompClient.command(reply)).isEqualTo(StompCommand.ERROR);
		assertThat(StompClient.header(reply, "message")).startsWith("Forbidden");
		assertThat(history()).extracting(Interaction::text).doesNotContain("Mine now");
	}

	@Test
	void aManagerWhoCreatesTheUnknownCallerAsAClientOwnsIt() {
		Employee manager = data.employee(Role.MANAGER);
		String stranger = data.uniqueMoscowNumber();
		String name = "Caller " + data.unique();

		Message<byte[]> reply = send(manager, "/app/clients",
				"{\"name\":\"" + name + "\",\"industry\":\"Construction\",\"phoneNumbers\":[\"" + stranger + "\"]}");

		assertThat(StompClient.command(reply)).isEqualTo(StompCommand.RECEIPT);
		Client created = clients.lookup(stranger).block(WAIT).client();
		assertThat(created.name()).isEqualTo(name);
		assertThat(created.owner().login()).isEqualTo(manager.login());
		assertThat(interactions.history(created.id(), 0, 10).collectList().block(WAIT)).extracting(Interaction::kind)
			.containsExactly(InteractionKind.CLIENT_CREATED);
	}

	@Test
	void aNumberThatBelongsToAnotherClientIsRefused() {
		Employee manager = data.employee(Role.MANAGER);
		String taken = client.phoneNumbers().get(0);

		Message<byte[]> reply = send(manager, "/app/clients",
				"{\"name\":\"Copy\",\"industry\":\"Construction\",\"phoneNumbers\":[\"" + taken + "\"]}");

		assertThat(StompClient.command(reply)).isEqualTo(StompCommand.ERROR);
		assertThat(clients.lookup(taken).block(WAIT).client().id()).isEqualTo(client.id());
	}

	/**
	 * Sends one frame asking for a receipt on a new connection; the RECEIPT or ERROR that
	 * answers it.
	 */
	private Message<byte[]> send(Employee employee, String destination, String body) {
		try (StompClient page = StompClient.connect(URI.create("ws://localhost:" + port + "/ws"), employee.login(),
				TestData.PASSWORD, "0,0")) {
			page.send(StompCommand.SEND,
					Map.of("destination", destination, "receipt", "sent", "content-type", "application/json"),
					body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return page.commands()
				.filter(frame -> StompClient.command(frame) == StompCommand.RECEIPT
						|| StompClient.command(frame) == StompCommand.ERROR)
				.next()
				.block(WAIT);
		}
	}

	private List<Interaction> history() {
		return interactions.history(client.id(), 0, 50).collectList().block(WAIT);
	}

}
