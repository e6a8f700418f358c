package io.ringside;

import org.apache.commons.logging.LogFactory;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Short internal locks of the I/O libraries that BlockHound would report when contended;
 * none is I/O.
 * <p>
 * Netty 4.2's default allocator guards a shared magazine with a
 * {@link java.util.concurrent.locks.StampedLock} held for a few instructions; under
 * contention (two event loops allocating large buffers at once, as the slow-client test
 * does) the waiter parks and BlockHound reports it. It is Netty's internal
 * synchronisation, not I/O: allowed here as Armeria does (line/armeria#6344), and only
 * there.
 */
public class LibraryLocksBlockHound implements BlockHoundIntegration {

	private static final String CONNECTION_FACTORY = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

	private static final String SHARED_CONNECTION = CONNECTION_FACTORY + "$SharedConnection";

	static void report(BlockingOperationError error) {
		LogFactory.getLog(LibraryLocksBlockHound.class).warn("Blocking call on a non-blocking thread", error);
	}

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// Where the blocking call was made, in the test log: production code that catches
		// the error per element logs
		// only its message, and a run's log is often all there is to read (CI).
		builder.blockingMethodCallback(method -> {
			BlockingOperationError error = new BlockingOperationError(method);
			report(error);
			throw error;
		});
		// The report itself may load logging classes and write the log: not the blocking
		// under test.
		builder.allowBlockingCallsInside(LibraryLocksBlockHound.class.getName(), "report");
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
				"tryExpandMagazines");
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "allocate");
		// Lettuce takes a ReentrantLock around every command write. An error thrown while
		// a thread waits there
		// wedged the connection for good: every later command parked on the lock (compare
		// redis/lettuce#3804), and
		// a full test run hung once many sessions set presence at the same moment.
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "decrementWriters");
		// Spring Data Redis takes the connection factory's ReentrantLock (twice) for
		// every reactive command, to hand
		// out the shared connection: two threads asking at once make one wait a moment
		// (seen in CI on the call
		// tracker's thread). Opening the connection under that lock is real I/O and stays
		// reported (Ringside opens
		// it at start, on the starting thread).
		builder.allowBlockingCallsInside(CONNECTION_FACTORY, "getOrCreateSharedReactiveConnection");
		builder.allowBlockingCallsInside(SHARED_CONNECTION, "getConnection");
		builder.disallowBlockingCallsInside(SHARED_CONNECTION, "getNativeConnection");
		// Cancelling a Reactor timer (a session's heart-beat interval ending with its
		// socket) removes its task from the
		// scheduler's queue under that queue's ReentrantLock, held for a few
		// instructions; Reactor's own integration
		// allows the queue's offer and take the same way. Seen in StompIntegrationTests
		// as sessions closed together.
		builder.allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "remove");
		// Caffeine (the phone numbers already seen) applies its reads and writes to its
		// eviction policy under a
		// ReentrantLock, usually on its executor, on the caller's thread when its write
		// buffer is full: a few
		// instructions, never I/O.
		builder.allowBlockingCallsInside("com.github.benmanes.caffeine.cache.BoundedLocalCache", "performCleanUp");
		// Jackson builds a type's deserializer once, on first use, under its cache's
		// ReentrantLock; two event loops decoding the same new type at once (two receipts
		// answered together in ReceiptsIntegrationTests) make one wait for the other's
		// introspection. CPU work done once per type, not I/O.
		builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
				"_createAndCacheValueDeserializer");
	}

}
