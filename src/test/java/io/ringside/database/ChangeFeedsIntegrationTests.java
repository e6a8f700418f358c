package io.ringside.database;

import java.time.Duration;
import java.util.UUID;

import io.lettuce.core.resource.ClientResources;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.r2dbc.core.DatabaseClient;

import io.ringside.database.ChangeFeed.Change;
import io.ringside.support.IntegrationTest;

/**
 * Both adapters of {@link ChangeFeed} against the real stores: listening first, then each
 * message in order.
 */
class ChangeFeedsIntegrationTests extends IntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	ConnectionFactory connections;

	@Autowired
	DatabaseClient db;

	@Autowired
	Redis redis;

	@Autowired
	ReactiveRedisConnectionFactory redisConnections;

	@Autowired
	ClientResources resources;

	@Test
	void aPostgresChannelAsksToReadEverythingOnceListeningThenHearsEachNoticeInOrder() {
		PostgresChannel channel = new PostgresChannel(connections, db, "ringside_test_" + unique());

		channel.changes()
			.as(StepVerifier::create)
			.expectNext(Change.READ_EVERYTHING)
			.then(() -> channel.publish("one").then(channel.publish("two")).subscribe())
			.expectNext(new Change.Heard("one"), new Change.Heard("two"))
			.thenCancel()
			.verify(WAIT);
	}

	@Test
	void aRedisChannelAsksToReadEverythingOnceSubscribedThenHearsEachMessageInOrder() {
		RedisChannel channel = new RedisChannel(redis, redisConnections, resources, "test-channel-" + unique());
		try {
			channel.changes()
				.as(StepVerifier::create)
				.expectNext(Change.READ_EVERYTHING)
				.then(() -> channel.publish("one").then(channel.publish("two")).subscribe())
				.expectNext(new Change.Heard("one"), new Change.Heard("two"))
				.thenCancel()
				.verify(WAIT);
		}
		finally {
			channel.close();
		}
	}

	private static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
	}

}
