package io.ringside;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Netty 4.2's default allocator guards a shared magazine with a {@link java.util.concurrent.locks.StampedLock} held
 * for a few instructions; under contention (two event loops allocating large buffers at once, as the slow-client
 * test does) the waiter parks and BlockHound reports it. It is Netty's internal synchronisation, not I/O: allowed
 * here as Armeria does (line/armeria#6344), and only there.
 */
public class NettyAllocatorBlockHound implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
				"tryExpandMagazines");
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "allocate");
	}

}
