package io.ringside.telephony.ami;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.asteriskjava.manager.internal.AsyncEventPump;
import org.asteriskjava.util.LogFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AsteriskJavaDropsTests {

	@Test
	void countsWhatAsteriskJavasEventPumpSaysItDropped() {
		AsteriskJavaDrops drops = new AsteriskJavaDrops(new SimpleMeterRegistry());
		try {
			var pumpLog = LogFactory.getLog(AsyncEventPump.class);
			pumpLog.error("Reader-1:AsyncEventPump Event queue is full, not processing ManagerEvent NewChannelEvent");
			pumpLog.error("Reader-1:AsyncEventPump Event queue is full, not processing ManagerEvent HangupEvent");
			pumpLog.error("AsyncEventPump has exited");

			assertThat(drops.count()).isEqualTo(2);
		}
		finally {
			drops.destroy();
		}
	}

}
