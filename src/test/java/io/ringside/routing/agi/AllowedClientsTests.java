package io.ringside.routing.agi;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ringside.pbx.agi.allowed-clients}: addresses, host names and CIDR blocks, IPv4
 * and IPv6 (#12).
 */
class AllowedClientsTests {

	@Test
	void permitsAddressesAndBlocksAndNothingElse() throws Exception {
		AllowedClients allowed = AllowedClients.of(List.of("127.0.0.1", "10.20.0.0/14", "fd00::/8", " 192.0.2.7 "));

		assertThat(allowed.permits(InetAddress.getByName("127.0.0.1"))).isTrue();
		assertThat(allowed.permits(InetAddress.getByName("127.0.0.2"))).isFalse();
		assertThat(allowed.permits(InetAddress.getByName("10.23.255.255"))).isTrue();
		assertThat(allowed.permits(InetAddress.getByName("10.24.0.0"))).isFalse();
		assertThat(allowed.permits(InetAddress.getByName("fd12::1"))).isTrue();
		assertThat(allowed.permits(InetAddress.getByName("fe80::1"))).isFalse();
		assertThat(allowed.permits(InetAddress.getByName("192.0.2.7"))).isTrue();
	}

	@Test
	void resolvesHostNames() throws Exception {
		AllowedClients allowed = AllowedClients.of(List.of("localhost"));

		assertThat(allowed.permits(InetAddress.getByName("127.0.0.1"))).isTrue();
		assertThat(allowed.permits(InetAddress.getByName("192.0.2.1"))).isFalse();
	}

	@Test
	void refusesAPrefixThatIsNotOne() {
		assertThatThrownBy(() -> AllowedClients.of(List.of("10.0.0.0/33")))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> AllowedClients.of(List.of("10.0.0.0/x"))).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void anEmptyListPermitsNobody() throws Exception {
		assertThat(AllowedClients.of(List.of()).permits(InetAddress.getLoopbackAddress())).isFalse();
	}

}
