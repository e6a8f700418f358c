package io.ringside.security;

import java.util.Map;
import java.util.function.BiFunction;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.MapSession;
import org.springframework.session.config.ReactiveSessionRepositoryCustomizer;
import org.springframework.session.data.redis.ReactiveRedisIndexedSessionRepository;
import org.springframework.session.data.redis.RedisSessionMapper;

/**
 * Sign-in sessions in Redis (Spring Session's indexed reactive repository, set up by
 * {@code spring.session.data.redis} in application.yml, under the instance's key prefix),
 * shared by every instance and found by employee.
 * <p>
 * A request in flight while its session is ended (see {@link AccessRevocation}) writes
 * the session's last access time back when it completes, which leaves a hash with nothing
 * else in it. Spring Session would fail every later request with that cookie (500); here
 * such a leftover is no session at all, so the cookie gets 401 like any ended one.
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

	private static final String CREATION_TIME = "creationTime";

	@Bean
	ReactiveSessionRepositoryCustomizer<ReactiveRedisIndexedSessionRepository> leftoversOfEndedSessionsAreNoSessions() {
		BiFunction<String, Map<String, Object>, MapSession> whole = new RedisSessionMapper();
		return repository -> repository.setRedisSessionMapper((id, stored) -> stored.containsKey(CREATION_TIME)
				? Mono.fromSupplier(() -> whole.apply(id, stored)) : Mono.empty());
	}

	/** Session ids that cost no file read on the event loop (see {@link SessionIds}). */
	@Bean
	ReactiveSessionRepositoryCustomizer<ReactiveRedisIndexedSessionRepository> sessionIdsWithoutBlocking() {
		SessionIds ids = new SessionIds();
		return repository -> repository.setSessionIdGenerator(ids);
	}

}
