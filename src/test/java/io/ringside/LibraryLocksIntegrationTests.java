package io.ringside;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.ringside.support.RedisConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@link LibraryLocksBlockHound} lets through, against the real Redis: a command
 * waiting its turn for Spring Data Redis's shared connection on a non-blocking thread is
 * allowed; opening that connection there is not.
 */
class LibraryLocksIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private LettuceConnectionFactory factory;

	@AfterEach
	void close() {
		if (factory != null) {
			factory.destroy();
		}
	}

	@Test
	void aCommandWaitingForTheSharedConnectionOnANonBlockingThreadIsAllowed() throws ReflectiveOperationException {
		factory = factory();
		factory.initConnection();
		ReentrantLock lock = factoryLock(factory);

		lock.lock();
		Mono<String> ping = Mono.defer(() -> ping(factory)).subscribeOn(Schedulers.parallel());
		StepVerifier.create(ping).then(() -> {
			await().atMost(WAIT).until(lock::hasQueuedThreads);
			lock.unlock();
		}).expectNext("PONG").expectComplete().verify(WAIT);
	}

	@Test
	void openingTheSharedConnectionOnANonBlockingThreadIsStillReported() {
		factory = factory();

		Mono.defer(() -> ping(factory))
			.subscribeOn(Schedulers.parallel())
			.as(StepVerifier::create)
			.expectErrorSatisfies(error -> assertThat(error).satisfiesAnyOf(
					blocking -> assertThat(blocking).isInstanceOf(BlockingOperationError.class),
					wrapped -> assertThat(wrapped).hasRootCauseInstanceOf(BlockingOperationError.class)))
			.verify(WAIT);
	}

	private static Mono<String> ping(ReactiveRedisConnectionFactory factory) {
		return factory.getReactiveConnection().ping();
	}

	private static LettuceConnectionFactory factory() {
		return RedisConnections.started();
	}

	/**
	 * The factory's own lock, held here to make a command wait for it as a concurrent one
	 * would.
	 */
	private static ReentrantLock factoryLock(LettuceConnectionFactory factory) throws ReflectiveOperationException {
		Field field = LettuceConnectionFactory.class.getDeclaredField("lock");
		field.setAccessible(true);
		return (ReentrantLock) field.get(factory);
	}

}
