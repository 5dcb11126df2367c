package org.sisbridge.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on a free loopback port to a real server, that can be frozen: from then on it still
 * accepts connections, but passes nothing on in either direction until it is thawed. To a client
 * that is a server that hangs (a dead host, a firewall dropping packets), which neither refuses nor
 * closes, the case a timeout must handle. Nothing is dropped: once thawed, a connection the client
 * kept goes on where it stopped. {@link #cut} closes every relayed connection instead (a server or
 * network that resets them); new connections are relayed again right away. {@link #slow} makes every
 * answer of the server late by as much (a busy server, a long way off), passing everything on.
 */
public final class FreezableTcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Relay> relays = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private final AtomicInteger stalled = new AtomicInteger();
    private final AtomicInteger clientCloses = new AtomicInteger();
    private volatile boolean frozen;
    private volatile long answerDelayMillis;
    private final AtomicInteger delayedAnswers = new AtomicInteger();

    private FreezableTcpProxy(String targetHost, int targetPort) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static FreezableTcpProxy to(String host, int port) throws IOException {
        return new FreezableTcpProxy(host, port);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on nothing passes, and new connections are accepted but never reach the server. */
    public void freeze() {
        frozen = true;
    }

    /** Everything held since {@link #freeze} passes on, and so does what follows. */
    public void thaw() {
        synchronized (gate) {
            frozen = false;
            gate.notifyAll();
        }
        for (Relay relay : relays) {
            try {
                relay.release();
            } catch (IOException e) {
                // that connection is gone
            }
        }
    }

    /** From now on each chunk of bytes the server sends reaches the client that much later (0: at once again). */
    public void slow(java.time.Duration perAnswer) {
        answerDelayMillis = perAnswer.toMillis();
    }

    /** How many chunks of the server's bytes were held back by {@link #slow}. */
    public int delayedAnswers() {
        return delayedAnswers.get();
    }

    /** Closes every connection relayed so far, on both sides; the relay keeps accepting new ones. */
    public void cut() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    /** How many times a chunk of bytes was held back by the freeze: someone is waiting on the other side. */
    public int stalledChunks() {
        return stalled.get();
    }

    /** How many relayed connections the client side closed (a driver giving a connection up after its read timeout). */
    public int clientCloses() {
        return clientCloses.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                awaitThawed();
                Socket server = new Socket(targetHost, targetPort);
                sockets.add(server);
                pump(client.getInputStream(), server.getOutputStream(), true);
                pump(server.getInputStream(), client.getOutputStream(), false);
            } catch (IOException e) {
                // the listener closed, or the server refused this one connection: the client sees it closed
            }
        }
    }

    /**
     * Copies bytes on a thread of its own. While frozen it goes on reading (so it sees a client that
     * gives up and closes) but holds what it read until thawed.
     */
    private void pump(InputStream in, OutputStream out, boolean fromClient) {
        Relay relay = new Relay(out);
        relays.add(relay);
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    long delay = answerDelayMillis;
                    if (!fromClient && delay > 0) {
                        delayedAnswers.incrementAndGet();
                        Thread.sleep(delay);
                    }
                    relay.offer(buffer, n);
                }
            } catch (IOException e) {
                // this side was closed or reset
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (fromClient) {
                    clientCloses.incrementAndGet();
                }
                relays.remove(relay);
                // one side ended: end the other, as a real connection would
                closeQuietly(out);
            }
        }, "tcp-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    /** One direction of a connection: bytes pass on, or wait in {@code held} while the relay is frozen. */
    private final class Relay {
        private final OutputStream out;
        private final java.io.ByteArrayOutputStream held = new java.io.ByteArrayOutputStream();

        Relay(OutputStream out) {
            this.out = out;
        }

        synchronized void offer(byte[] bytes, int n) throws IOException {
            if (frozen) {
                stalled.incrementAndGet();
                held.write(bytes, 0, n);
                return;
            }
            release();
            out.write(bytes, 0, n);
            out.flush();
        }

        synchronized void release() throws IOException {
            if (held.size() > 0) {
                held.writeTo(out);
                held.reset();
                out.flush();
            }
        }
    }

    private void awaitThawed() throws IOException {
        synchronized (gate) {
            while (frozen && !listener.isClosed()) {
                try {
                    gate.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("relay interrupted", e);
                }
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }
}
