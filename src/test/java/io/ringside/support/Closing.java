package io.ringside.support;

import java.util.ArrayDeque;
import java.util.Deque;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a test started for itself (a Ringside instance, the Redis or the proxy in front of
 * it), closed after each test in the reverse order of starting: Ringside before the
 * server it talks to. Registered as a field,
 * {@code @RegisterExtension final Closing closing = new Closing();}, and fed in
 * {@code @BeforeEach}: {@code ringside = closing.add(Instance.start(...))}. What was
 * started before a failure is still closed.
 */
public final class Closing implements AfterEachCallback {

	private final Deque<AutoCloseable> started = new ArrayDeque<>();

	/** Closes {@code resource} after the test, before what was added earlier. */
	public <T extends AutoCloseable> T add(T resource) {
		started.push(resource);
		return resource;
	}

	@Override
	public void afterEach(ExtensionContext context) throws Exception {
		Exception failed = null;
		while (!started.isEmpty()) {
			try {
				started.pop().close();
			}
			catch (Exception ex) {
				if (failed == null) {
					failed = ex;
				}
				else {
					failed.addSuppressed(ex);
				}
			}
		}
		if (failed != null) {
			throw failed;
		}
	}

}
