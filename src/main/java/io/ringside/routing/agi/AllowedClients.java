package io.ringside.routing.agi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The peers that may open a FastAGI conversation
 * ({@code ringside.pbx.agi.allowed-clients}): addresses, host names (resolved once, when
 * the server starts) and CIDR blocks such as {@code 10.0.0.0/8} or {@code fd00::/8}.
 * Immutable, so the acceptor thread reads it without locks.
 */
final class AllowedClients {

	private static final Log log = LogFactory.getLog(AllowedClients.class);

	private final List<Block> blocks;

	private AllowedClients(List<Block> blocks) {
		this.blocks = List.copyOf(blocks);
	}

	/**
	 * @param entries as configured; an entry that names no address (a host that does not
	 * resolve) is logged and left out, a malformed CIDR is refused
	 */
	static AllowedClients of(List<String> entries) {
		List<Block> blocks = new ArrayList<>();
		for (String entry : entries) {
			String trimmed = entry.trim();
			if (trimmed.isEmpty()) {
				continue;
			}
			int slash = trimmed.indexOf('/');
			try {
				if (slash < 0) {
					for (InetAddress address : InetAddress.getAllByName(trimmed)) {
						blocks.add(new Block(address.getAddress(), address.getAddress().length * 8));
					}
				}
				else {
					byte[] network = InetAddress.getByName(trimmed.substring(0, slash)).getAddress();
					int bits = Integer.parseInt(trimmed.substring(slash + 1));
					if (bits < 0 || bits > network.length * 8) {
						throw new IllegalArgumentException(
								"ringside.pbx.agi.allowed-clients: bad prefix in " + trimmed);
					}
					blocks.add(new Block(network, bits));
				}
			}
			catch (UnknownHostException ex) {
				log.warn("ringside.pbx.agi.allowed-clients: " + trimmed + " names no address; it is left out");
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("ringside.pbx.agi.allowed-clients: bad prefix in " + trimmed, ex);
			}
		}
		return new AllowedClients(blocks);
	}

	/** Whether this peer may talk to the FastAGI server. */
	boolean permits(InetAddress peer) {
		byte[] address = peer.getAddress();
		for (Block block : blocks) {
			if (block.contains(address)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return blocks.toString();
	}

	/** One address or network: the first {@code bits} bits of {@code network}. */
	private record Block(byte[] network, int bits) {

		boolean contains(byte[] address) {
			if (address.length != network.length) {
				return false;
			}
			int whole = bits / 8;
			for (int i = 0; i < whole; i++) {
				if (address[i] != network[i]) {
					return false;
				}
			}
			int rest = bits % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (address[whole] & mask) == (network[whole] & mask);
		}

		@Override
		public String toString() {
			try {
				return InetAddress.getByAddress(network).getHostAddress() + "/" + bits;
			}
			catch (UnknownHostException ex) {
				return "?/" + bits;
			}
		}

	}

}
