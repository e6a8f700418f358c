package io.ringside.calls;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.StreamMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.ringside.database.Redis;
import io.ringside.database.RedisKeys;
import io.ringside.support.RedisConnections;
import io.ringside.support.TestServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stream's commands against a real Redis: trimming never removes an entry not yet
 * acknowledged, pending entries are read back by their consumer, and idle ones are
 * claimed by another.
 */
class CallStreamIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private LettuceConnectionFactory connections;

	/**
	 * Looks at the stream through Spring Data Redis: another client than the stream's.
	 */
	private ReactiveStringRedisTemplate redis;

	private CallStream stream;

	@BeforeEach
	void aStreamOfItsOwn() {
		connections = RedisConnections.started();
		redis = new ReactiveStringRedisTemplate(connections);
		stream = new CallStream(new Redis(connections),
				new RedisKeys(TestServices.REDIS_KEY_PREFIX + "stream-" + UUID.randomUUID() + ":"));
	}

	@AfterEach
	void deleteIt() {
		redis.delete(stream.key()).block(WAIT);
		connections.destroy();
	}

	@Test
	void trimmingKeepsEveryEntryNotAcknowledgedAndCountsThem() {
		stream.createGroup().block(WAIT);
		stream.createGroup().as(StepVerifier::create).verifyComplete();
		List<String> added = Flux.range(0, 6).concatMap(i -> stream.add(Map.of("n", "" + i))).collectList().block(WAIT);
		List<StreamMessage<String, String>> read = stream.fresh("a", 3).collectList().block(WAIT);
		assertThat(read).extracting(StreamMessage::getId).containsExactlyElementsOf(added.subList(0, 3));
		stream.acknowledge(added.get(0)).block(WAIT);
		stream.acknowledge(added.get(2)).block(WAIT);

		// pending: the second; not yet delivered: the last three
		assertThat(stream.trim().block(WAIT)).isEqualTo(4);
		List<String> left = redis.opsForStream()
			.range(stream.key(), Range.unbounded())
			.map(entry -> entry.getId().getValue())
			.collectList()
			.block(WAIT);
		assertThat(left).doesNotContain(added.get(0)).containsAll(added.subList(1, 2)).containsAll(added.subList(3, 6));

		assertThat(stream.pending("a", 10).map(StreamMessage::getId).collectList().block(WAIT))
			.containsExactly(added.get(1));
		assertThat(stream.claim("b", 0, 10).block(WAIT)).isEqualTo(1);
		assertThat(stream.pending("a", 10).collectList().block(WAIT)).isEmpty();
		assertThat(stream.pending("b", 10).map(StreamMessage::getId).collectList().block(WAIT))
			.containsExactly(added.get(1));

		stream.fresh("b", 10).concatMap(entry -> stream.acknowledge(entry.getId())).blockLast(WAIT);
		stream.acknowledge(added.get(1)).block(WAIT);
		assertThat(stream.trim().block(WAIT)).isZero();
		assertThat(redis.opsForStream().size(stream.key()).block(WAIT)).isLessThanOrEqualTo(1);
	}

	@Test
	void aStreamNobodyHasWrittenCountsNothing() {
		assertThat(stream.trim().block(WAIT)).isZero();
	}

}
