package io.ringside.shared;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTests {

	/** The warnings logged, as their text. */
	private final List<String> warnings = new CopyOnWriteArrayList<>();

	private final Log log = (Log) Proxy.newProxyInstance(Log.class.getClassLoader(), new Class<?>[] { Log.class },
			(proxy, method, args) -> {
				if (method.getName().equals("warn")) {
					warnings.add(String.valueOf(args[0]));
				}
				return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
			});

	@Test
	void aFailedMonoIsLoggedWithWhatFailedAndResumesEmpty() {
		Mono.<String>error(new IllegalStateException("Redis gone"))
			.onErrorResume(Failures.skip(log, () -> "Pop of call c1 not sent"))
			.as(StepVerifier::create)
			.expectComplete()
			.verify(Duration.ofSeconds(5));

		assertThat(warnings).containsExactly("Pop of call c1 not sent: java.lang.IllegalStateException: Redis gone");
	}

	@Test
	void aFailedFluxKeepsWhatCameBeforeAndEndsQuietly() {
		Flux.just(1, 2)
			.concatWith(Mono.error(new IllegalStateException("database gone")))
			.onErrorResume(Failures.skip(log, () -> "Could not read"))
			.as(StepVerifier::create)
			.expectNext(1, 2)
			.expectComplete()
			.verify(Duration.ofSeconds(5));

		assertThat(warnings).singleElement().asString().startsWith("Could not read: ");
	}

	@Test
	void aFailureCanBeReplacedByAValue() {
		Mono.<List<String>>error(new IllegalStateException("timeout"))
			.onErrorResume(Failures.replace(log, () -> "No callbacks for client 7", List.of()))
			.as(StepVerifier::create)
			.expectNext(List.of())
			.expectComplete()
			.verify(Duration.ofSeconds(5));

		assertThat(warnings).singleElement().asString().startsWith("No callbacks for client 7: ");
	}

	@Test
	void nothingIsLoggedOrWrittenWhenNothingFails() {
		Mono.just("card").onErrorResume(Failures.skip(log, () -> {
			throw new AssertionError("the text is made only on failure");
		})).as(StepVerifier::create).expectNext("card").expectComplete().verify(Duration.ofSeconds(5));

		assertThat(warnings).isEmpty();
	}

}
