package io.ringside.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.ringside.clients.Client;
import io.ringside.presence.Availability;
import io.ringside.simulator.PhoneBehaviour;
import io.ringside.simulator.ScriptedPhones;
import io.ringside.team.Employee;
import io.ringside.team.Role;

import static org.awaitility.Awaitility.await;

/**
 * The people and phones of a call test, made the way most integration tests need them: a
 * client with a number of their own, owned by a manager with a phone, usually a head of
 * sales with a phone, the simulator's phones scripted, and the PBX connection up. Made by
 * {@link CallScenes#aClient()}, on the test thread, in one or two lines:
 * {@code scenes.aClient().ownerAvailable().ownerAnswersAfter(RING).ready()}.
 *
 * @param owner the client's owner, a manager with a phone
 * @param head the head of sales routing sends calls to ({@code null} with
 * {@link Builder#withoutHeadOfSales()})
 * @param number the client's number, which no other test calls from
 * @param client the client
 * @param phones the simulator's phones, to change as the test goes
 */
public record CallScene(Employee owner, Employee head, String number, Client client, ScriptedPhones phones) {

	static final Duration WAIT = Duration.ofSeconds(30);

	/** Says what the scene needs; {@link #ready()} makes it. */
	public static final class Builder {

		private final CallScenes scenes;

		private boolean headOfSales = true;

		private Availability ownerStatus;

		private PhoneBehaviour everyPhone = PhoneBehaviour.neverAnswers();

		private PhoneBehaviour owners;

		private PhoneBehaviour heads;

		private String industry = "Metallurgy";

		Builder(CallScenes scenes) {
			this.scenes = scenes;
		}

		/**
		 * No head of sales is made (routing then uses whichever the database has, if
		 * any).
		 */
		public Builder withoutHeadOfSales() {
			this.headOfSales = false;
			return this;
		}

		/**
		 * The owner's presence is {@link Availability#AVAILABLE} (otherwise it is left as
		 * it is).
		 */
		public Builder ownerAvailable() {
			this.ownerStatus = Availability.AVAILABLE;
			return this;
		}

		/**
		 * The owner's presence is {@link Availability#AWAY}: routing sends the client's
		 * calls past them.
		 */
		public Builder ownerAway() {
			this.ownerStatus = Availability.AWAY;
			return this;
		}

		/**
		 * How every phone the test does not name behaves; by default it rings and is
		 * never answered.
		 */
		public Builder everyPhone(PhoneBehaviour behaviour) {
			this.everyPhone = behaviour;
			return this;
		}

		public Builder ownerAnswersAfter(Duration ring) {
			return ownersPhone(PhoneBehaviour.answersAfter(ring));
		}

		/**
		 * How the owner's phone behaves when it is not simply answered
		 * ({@link PhoneBehaviour#busy()}, ...).
		 */
		public Builder ownersPhone(PhoneBehaviour behaviour) {
			this.owners = behaviour;
			return this;
		}

		/**
		 * The client is of this industry (else Metallurgy): a test of what a segment does
		 * gives its client an industry no other test uses.
		 */
		public Builder inIndustry(String industry) {
			this.industry = industry;
			return this;
		}

		public Builder headAnswersAfter(Duration ring) {
			this.heads = PhoneBehaviour.answersAfter(ring);
			return this;
		}

		/**
		 * Makes the rows, sets presence (the head of sales is available) and phones, and
		 * returns once the PBX connection is up.
		 */
		public CallScene ready() {
			TestData data = scenes.data;
			Employee head = null;
			if (headOfSales) {
				data.employeeWithPhone(Role.HEAD_OF_SALES);
				head = scenes.employees.headOfSales().block(WAIT);
				scenes.presence.set(head.login(), Availability.AVAILABLE).block(WAIT);
			}
			Employee owner = data.employeeWithPhone(Role.MANAGER);
			String number = data.uniqueMoscowNumber();
			Client client = data.clientIn(industry, owner, number);
			if (ownerStatus != null) {
				scenes.presence.set(owner.login(), ownerStatus).block(WAIT);
			}
			Map<String, PhoneBehaviour> named = new LinkedHashMap<>();
			if (owners != null) {
				named.put(owner.extension(), owners);
			}
			if (heads != null) {
				named.put(head.extension(), heads);
			}
			ScriptedPhones phones = new ScriptedPhones(everyPhone);
			named.forEach(phones::set);
			scenes.simulator().phones(phones);
			await().atMost(WAIT).until(scenes.pbx::connected);
			return new CallScene(owner, head, number, client, phones);
		}

	}

}
