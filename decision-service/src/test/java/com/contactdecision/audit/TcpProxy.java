package com.contactdecision.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of a database, so a test can take the database away
 * (every connection cut, new ones refused) and give it back on the same port, without
 * stopping a server other tests share.
 */
public final class TcpProxy implements AutoCloseable {

	private final InetSocketAddress target;

	private final int port;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile ServerSocket server;

	public TcpProxy(String host, int targetPort) throws IOException {
		this.target = new InetSocketAddress(host, targetPort);
		try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			this.port = probe.getLocalPort();
		}
		start();
	}

	/**
	 * The proxy in front of a {@code jdbc:postgresql://host:port/db?...} URL, and that
	 * URL through it.
	 */
	public static TcpProxy before(String jdbcUrl) throws IOException {
		URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
		return new TcpProxy(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
	}

	public String url(String jdbcUrl) {
		URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
		return "jdbc:postgresql://127.0.0.1:" + port + uri.getRawPath()
				+ (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	public synchronized void start() throws IOException {
		ServerSocket s = new ServerSocket();
		s.setReuseAddress(true);
		s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		server = s;
		Thread accept = new Thread(() -> accept(s), "tcp-proxy-" + port);
		accept.setDaemon(true);
		accept.start();
	}

	/** The database goes away: open connections are cut and new ones refused. */
	public synchronized void stop() throws IOException {
		server.close();
		for (Socket s : sockets) {
			s.close();
		}
		sockets.clear();
	}

	private void accept(ServerSocket s) {
		while (!s.isClosed()) {
			try {
				Socket client = s.accept();
				Socket upstream = new Socket();
				upstream.connect(target, 2000);
				sockets.add(client);
				sockets.add(upstream);
				pipe(client, upstream);
				pipe(upstream, client);
			}
			catch (IOException e) {
				// Closed by stop(), or the database refused: the client sees its
				// connection fail.
			}
		}
	}

	private void pipe(Socket from, Socket to) {
		Thread t = new Thread(() -> {
			byte[] buf = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int n;
				while ((n = in.read(buf)) >= 0) {
					out.write(buf, 0, n);
					out.flush();
				}
			}
			catch (IOException e) {
				// One side closed: close the other below.
			}
			finally {
				try {
					to.close();
					from.close();
				}
				catch (IOException ignored) {
					// Already closed.
				}
			}
		}, "tcp-proxy-pipe");
		t.setDaemon(true);
		t.start();
	}

	@Override
	public void close() throws IOException {
		stop();
	}

}
