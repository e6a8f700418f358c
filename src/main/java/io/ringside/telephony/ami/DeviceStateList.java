package io.ringside.telephony.ami;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.action.AbstractManagerAction;
import org.asteriskjava.manager.response.ManagerError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Asks the PBX, once connected, for the state of every device it knows: the AMI
 * {@code DeviceStateList} action (Asterisk 13 and later), answered by one
 * {@code DeviceStateChange} event per device and a {@code DeviceStateListComplete}. The
 * events come in the session's order among the live ones and are read as those are, so a
 * phone that went on a call or off one while Ringside was not connected (a restart, a
 * network cut, a connection the PBX dropped) is known as it is now, not as it was last
 * heard. A PBX that does not know the action is logged and left at that: its phones are
 * known from their next change.
 */
final class DeviceStateList {

	private static final Log log = LogFactory.getLog(AmiConnection.class);

	/** The end of the list, read raw and ignored: the states came before it. */
	static final String COMPLETE = "DeviceStateListComplete";

	private DeviceStateList() {
	}

	/**
	 * Sends the action on a bounded-elastic thread (Asterisk-Java's actions block); true
	 * once the PBX said the list follows.
	 */
	static Mono<Boolean> ask(ManagerConnection connection, long timeoutMillis) {
		return Mono.fromCallable(() -> connection.sendAction(new Action(), timeoutMillis))
			.subscribeOn(Schedulers.boundedElastic())
			.map(response -> {
				if (response instanceof ManagerError refused) {
					log.info("The PBX did not list its device states (" + refused.getMessage()
							+ "); phones are known from their next change");
					return false;
				}
				return true;
			});
	}

	/** The action: no argument but the ActionID that Asterisk-Java adds. */
	static final class Action extends AbstractManagerAction {

		private static final long serialVersionUID = 1L;

		@Override
		public String getAction() {
			return "DeviceStateList";
		}

	}

}
