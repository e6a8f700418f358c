package io.ringside.warehouse;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.ringside.catalog.Order;
import io.ringside.catalog.Receipts.BackOrderFilled;
import io.ringside.push.Push;
import io.ringside.shared.Failures;
import io.ringside.shared.RunningSubscription;

/**
 * Tells the employee who placed a back-ordered order, on
 * {@code /user/queue/notifications}, that a receipt has filled it (or part of it), once
 * the receipt has committed.
 * <p>
 * Threads: {@link #filled} runs where the transaction commits (an R2DBC event loop) and
 * only hands the notice to a bounded buffer; one pipeline, started and stopped with the
 * application, sends them in order. Past the buffer notices are dropped, counted and
 * logged (the order itself shows the line filled); a send that fails is logged and the
 * next goes on.
 */
@Component
class BackOrderNotices implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(BackOrderNotices.class);

	static final int BUFFER = 1024;

	private final Push push;

	private final Clock clock;

	private final AtomicLong dropped = new AtomicLong();

	private Sinks.Many<Notice> notices = newSink();

	private final RunningSubscription running = new RunningSubscription();

	BackOrderNotices(Push push, Clock clock) {
		this.push = push;
		this.clock = clock;
	}

	@TransactionalEventListener
	void filled(BackOrderFilled event) {
		Notice notice = Notice.of(event, clock.instant());
		Sinks.EmitResult result;
		synchronized (this) {
			result = notices.tryEmitNext(notice);
		}
		if (result.isFailure()) {
			log.warn("Notice of order " + notice.orderId() + " not sent to " + notice.owner() + " (" + result + "); "
					+ dropped.incrementAndGet() + " so far");
		}
	}

	@Override
	public synchronized void start() {
		running.start(notices.asFlux()
			.concatMap(notice -> push.toUser(notice.owner(), Push.NOTIFICATIONS, notice)
				.onErrorResume(Failures.skip(log, () -> "Notice of order " + notice.orderId() + " not sent")))
			.subscribe(null, error -> log.error("The back-order notices stopped", error)));
	}

	@Override
	public synchronized void stop() {
		if (running.stop()) {
			notices = newSink();
		}
	}

	@Override
	public boolean isRunning() {
		return running.isRunning();
	}

	private static Sinks.Many<Notice> newSink() {
		return Sinks.many().unicast().onBackpressureBuffer(Queues.<Notice>get(BUFFER).get());
	}

	/**
	 * The notification as JSON: {@code type} {@code BACK_ORDER_FILLED}, the order, its
	 * client, the product, the units received and those still awaited, a line of text.
	 */
	record Notice(String type, long orderId, String owner, ClientRef client, String sku, String name, int units,
			int stillBackordered, String text, Instant at) {

		static final String BACK_ORDER_FILLED = "BACK_ORDER_FILLED";

		static Notice of(BackOrderFilled event, Instant at) {
			Order order = event.order();
			String name = order.lines()
				.stream()
				.filter(line -> line.sku().equals(event.sku()))
				.map(Order.Line::name)
				.findFirst()
				.orElse(event.sku());
			String text = "Order " + order.id() + " of " + order.clientName() + ": " + event.units() + " x " + name
					+ " arrived" + (event.stillBackordered() > 0 ? "; " + event.stillBackordered() + " still awaited."
							: order.waitsForStock() ? "." : "; the order can ship.");
			return new Notice(BACK_ORDER_FILLED, order.id(), order.placedBy(),
					new ClientRef(order.clientId(), order.clientName()), event.sku(), name, event.units(),
					event.stillBackordered(), text, at);
		}

	}

	record ClientRef(long id, String name) {
	}

}
