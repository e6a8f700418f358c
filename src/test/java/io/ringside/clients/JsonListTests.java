package io.ringside.clients;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.ringside.clients.ClientCard.OrderLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonListTests {

	private static final String WRITTEN = "[{\"sku\" : \"A-1\", \"name\" : \"Angle\", \"quantity\" : 3, \"unitPrice\" : 100.50}]";

	private final JsonMapper json = JsonMapper.builder().build();

	private final JsonList<OrderLine> list = new JsonList<>(WRITTEN,
			json.readerFor(new TypeReference<List<OrderLine>>() {
			}));

	@Test
	void isWrittenAsTheTextItWasGiven() {
		assertThat(json.writeValueAsString(new Holder(list))).isEqualTo("{\"lines\":" + WRITTEN + "}");
	}

	@Test
	void readsItsRecordsWhenAsked() {
		assertThat(list).containsExactly(new OrderLine("A-1", "Angle", 3, new BigDecimal("100.50")));
		assertThat(list).isEqualTo(List.of(new OrderLine("A-1", "Angle", 3, new BigDecimal("100.50"))));
	}

	@Test
	void cannotBeChanged() {
		assertThatThrownBy(() -> list.add(new OrderLine("B-2", "Beam", 1, BigDecimal.ONE)))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> list.remove(0)).isInstanceOf(UnsupportedOperationException.class);
	}

	record Holder(List<OrderLine> lines) {
	}

}
