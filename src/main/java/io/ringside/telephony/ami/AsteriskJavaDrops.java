package io.ringside.telephony.ami;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Counts the events Asterisk-Java itself drops. The events it still builds (responses,
 * the channel list's replies, events not read raw: {@link AmiEvents#RAW}) go to a
 * 20,000-entry queue drained by its own dispatcher thread; when that queue is full it
 * drops the event and only logs an error ("Event queue is full, not processing
 * ManagerEvent"). Ringside's listener returns at once, so this should never happen; if it
 * does, {@code ringside.ami.events.dropped.asterisk-java} says so instead of a log line
 * nobody reads.
 */
@Component
class AsteriskJavaDrops implements DisposableBean {

	static final String PUMP_LOGGER = "org.asteriskjava.manager.internal.AsyncEventPump";

	static final String QUEUE_FULL = "Event queue is full";

	private final Counter dropped;

	private final Appender appender;

	AsteriskJavaDrops(MeterRegistry meters) {
		this.dropped = Counter.builder("ringside.ami.events.dropped.asterisk-java")
			.description("AMI events Asterisk-Java dropped because its own event queue was full")
			.register(meters);
		this.appender = new Appender(dropped);
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			appender.setContext(context);
			appender.setName("ringside-asterisk-java-drops");
			appender.start();
			context.getLogger(PUMP_LOGGER).addAppender(appender);
		}
	}

	double count() {
		return dropped.count();
	}

	@Override
	public void destroy() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			Logger logger = context.getLogger(PUMP_LOGGER);
			logger.detachAppender(appender);
		}
		appender.stop();
	}

	private static final class Appender extends AppenderBase<ILoggingEvent> {

		private final Counter dropped;

		Appender(Counter dropped) {
			this.dropped = dropped;
		}

		@Override
		protected void append(ILoggingEvent event) {
			String message = event.getFormattedMessage();
			if (message != null && message.contains(QUEUE_FULL)) {
				dropped.increment();
			}
		}

	}

}
