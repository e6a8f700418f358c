package io.ringside.warehouse;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.ringside.catalog.Order;
import io.ringside.catalog.Orders.OrderChanged;
import io.ringside.push.Push;
import io.ringside.shared.Failures;
import io.ringside.shared.RunningSubscription;

/**
 * Sends every order placed, shipped or cancelled to {@code /topic/warehouse} once its
 * transaction has committed, on every instance: the book's "the order reaches the
 * warehouse at once", instead of the page reading the feed again. The payload is the
 * order as {@code GET /api/orders/{id}} returns it; its {@code status} says what
 * happened.
 * <p>
 * Threads: {@link #changed} runs where the transaction commits (an R2DBC event loop) and
 * only hands the order to a bounded buffer; one pipeline, started and stopped with the
 * application, sends them in order. Past the buffer orders are dropped, counted and
 * logged (the page still finds them in {@code GET /api/warehouse/orders} when it loads);
 * a send that fails is logged and the next goes on.
 */
@Component
class WarehouseTopic implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(WarehouseTopic.class);

	static final int BUFFER = 1024;

	private final Push push;

	private final AtomicLong dropped = new AtomicLong();

	private Sinks.Many<Order> changes = newSink();

	private final RunningSubscription running = new RunningSubscription();

	WarehouseTopic(Push push) {
		this.push = push;
	}

	@TransactionalEventListener
	void changed(OrderChanged event) {
		Sinks.EmitResult result;
		synchronized (this) {
			result = changes.tryEmitNext(event.order());
		}
		if (result.isFailure()) {
			log.warn("Order " + event.order().id() + " not sent to " + Push.WAREHOUSE + " (" + result + "); "
					+ dropped.incrementAndGet() + " so far");
		}
	}

	@Override
	public synchronized void start() {
		running.start(changes.asFlux()
			.concatMap(order -> push.toTopic(Push.WAREHOUSE, order)
				.onErrorResume(Failures.skip(log, () -> "Order " + order.id() + " not sent to " + Push.WAREHOUSE)))
			.subscribe(null, error -> log.error("The warehouse topic stopped", error)));
	}

	@Override
	public synchronized void stop() {
		if (running.stop()) {
			changes = newSink();
		}
	}

	@Override
	public boolean isRunning() {
		return running.isRunning();
	}

	private static Sinks.Many<Order> newSink() {
		return Sinks.many().unicast().onBackpressureBuffer(Queues.<Order>get(BUFFER).get());
	}

}
