package org.sisbridge.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server that never finishes its answer's headers: the status line, then a header that never
 * ends, for as long as the client listens. Trickling, a byte every {@code pauseMillis}: a per-read
 * timeout longer than the pause never trips on it, only a deadline on the whole call ends it. Flooding,
 * as fast as the socket takes it: a client without a bound on header size fills its heap. Counts the
 * connections the client closed.
 */
public final class EndlessHeadersServer implements AutoCloseable {

    private final ServerSocket server;
    private final long pauseMillis;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();

    /** A byte every {@code pauseMillis}. */
    public static EndlessHeadersServer trickling(long pauseMillis) throws IOException {
        return new EndlessHeadersServer(pauseMillis);
    }

    /** 64 KB at a time, without pause. */
    public static EndlessHeadersServer flooding() throws IOException {
        return new EndlessHeadersServer(0);
    }

    private EndlessHeadersServer(long pauseMillis) throws IOException {
        this.pauseMillis = pauseMillis;
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "header-trickle");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public int requests() {
        return requests.get();
    }

    /** Connections that ended because the client closed them while the headers trickled. */
    public int closedByClient() {
        return closedByClient.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> trickle(socket), "header-trickle-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void trickle(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            // the request head, up to its empty line
            int matched = 0;
            byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            while (matched < end.length) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            }
            requests.incrementAndGet();
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Trickle: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] chunk = new byte[pauseMillis > 0 ? 1 : 64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            while (!server.isClosed()) {
                if (pauseMillis > 0) {
                    Thread.sleep(pauseMillis);
                }
                out.write(chunk);
                out.flush();
            }
        } catch (IOException e) {
            closedByClient.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
