package io.ringside.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy a test owns, between Ringside and a server (PostgreSQL): {@link #cut()}
 * closes every connection and refuses new ones (accepted and closed at once, as a server
 * that went away), {@link #restore()} lets connections through again. Plain NIO on one
 * thread of its own ({@code tcp-proxy}); the test thread only asks it and waits.
 */
public final class TcpProxy implements AutoCloseable {

	private final InetSocketAddress target;

	private final Selector selector;

	private final ServerSocketChannel server;

	private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	private final List<Pipe> pipes = new ArrayList<>();

	private final Thread thread;

	private volatile boolean cut;

	private volatile boolean closed;

	public TcpProxy(String host, int port) {
		this.target = new InetSocketAddress(host, port);
		try {
			selector = Selector.open();
			server = ServerSocketChannel.open();
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			server.configureBlocking(false);
			server.register(selector, SelectionKey.OP_ACCEPT);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		thread = new Thread(this::loop, "tcp-proxy");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * A proxy to the server at this address ({@code scheme://host:port/...}, as in a
	 * Redis or PostgreSQL URL).
	 */
	public static TcpProxy to(URI server) {
		return new TcpProxy(server.getHost(), server.getPort());
	}

	public int port() {
		return server.socket().getLocalPort();
	}

	/**
	 * Closes every open connection and refuses new ones until {@link #restore()}; returns
	 * once they are closed.
	 */
	public void cut() {
		cut = true;
		onProxyThread(() -> new ArrayList<>(pipes).forEach(Pipe::close));
	}

	public void restore() {
		cut = false;
	}

	@Override
	public void close() {
		cut();
		closed = true;
		selector.wakeup();
		try {
			thread.join(5_000);
			server.close();
			selector.close();
		}
		catch (IOException | InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void onProxyThread(Runnable task) {
		CountDownLatch done = new CountDownLatch(1);
		tasks.add(() -> {
			task.run();
			done.countDown();
		});
		selector.wakeup();
		try {
			if (!done.await(5, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The proxy did not answer");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void loop() {
		while (!closed) {
			try {
				selector.select(1_000);
				for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
					task.run();
				}
				for (SelectionKey key : selector.selectedKeys()) {
					if (key.isValid() && key.isAcceptable()) {
						accept();
					}
					else if (key.isValid() && key.attachment() instanceof Side side) {
						side.ready(key);
					}
				}
				selector.selectedKeys().clear();
			}
			catch (IOException ex) {
				if (!closed) {
					throw new UncheckedIOException(ex);
				}
			}
		}
	}

	private void accept() throws IOException {
		SocketChannel client = server.accept();
		if (client == null) {
			return;
		}
		if (cut) {
			client.close();
			return;
		}
		SocketChannel upstream = SocketChannel.open();
		upstream.configureBlocking(false);
		client.configureBlocking(false);
		Pipe pipe = new Pipe(client, upstream);
		pipes.add(pipe);
		upstream.connect(target);
		upstream.register(selector, SelectionKey.OP_CONNECT, pipe.server);
	}

	/** One proxied connection: the client's side and the server's. */
	private final class Pipe {

		private final Side client;

		private final Side server;

		Pipe(SocketChannel client, SocketChannel upstream) {
			this.client = new Side(this, client);
			this.server = new Side(this, upstream);
			this.client.peer = this.server;
			this.server.peer = this.client;
		}

		void close() {
			pipes.remove(this);
			client.closeQuietly();
			server.closeQuietly();
		}

	}

	/**
	 * One socket of a pipe, and what was read from it waiting to be written to its peer.
	 */
	private final class Side {

		private final Pipe pipe;

		private final SocketChannel channel;

		private final ByteBuffer toPeer = ByteBuffer.allocate(64 * 1024);

		private Side peer;

		Side(Pipe pipe, SocketChannel channel) {
			this.pipe = pipe;
			this.channel = channel;
		}

		void ready(SelectionKey key) {
			try {
				if (key.isConnectable()) {
					channel.finishConnect();
					channel.register(selector, SelectionKey.OP_READ, this);
					peer.channel.register(selector, SelectionKey.OP_READ, peer);
					return;
				}
				if (key.isReadable()) {
					if (channel.read(toPeer) < 0) {
						pipe.close();
						return;
					}
					peer.flushFrom(this);
				}
				if (key.isValid() && key.isWritable()) {
					flushFrom(peer);
				}
			}
			catch (IOException | CancelledKeyException ex) {
				pipe.close();
			}
		}

		/**
		 * Writes what {@code source} read to this side; a side reads again once what it
		 * read has gone on.
		 */
		void flushFrom(Side source) throws IOException {
			source.toPeer.flip();
			channel.write(source.toPeer);
			source.toPeer.compact();
			interest();
			source.interest();
		}

		private void interest() {
			SelectionKey key = channel.keyFor(selector);
			if (key != null && key.isValid()) {
				key.interestOps((toPeer.position() == 0 ? SelectionKey.OP_READ : 0)
						| (peer.toPeer.position() > 0 ? SelectionKey.OP_WRITE : 0));
			}
		}

		void closeQuietly() {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// closing is all that is asked
			}
		}

	}

}
