package org.sisbridge.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A college's outbound proxy on 127.0.0.1, in miniature: plain HTTP requests in absolute form
 * ({@code GET http://host/path}) and {@code CONNECT host:port} tunnels for https, optionally behind
 * Basic proxy authentication. It remembers each request line it forwarded and counts the ones it
 * refused with 407. Host names ending in {@code .invalid} (which no resolver knows) are reached on
 * 127.0.0.1, so a test whose upstream has such a name proves that a client went through the proxy.
 */
public final class ForwardProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String expectedAuthorization;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "forward-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<String> forwarded = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();

    private ForwardProxy(String username, String password) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.expectedAuthorization = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        threads.execute(this::acceptLoop);
    }

    /** A proxy that asks for no credentials. */
    public static ForwardProxy open() throws IOException {
        return new ForwardProxy(null, null);
    }

    /** A proxy that answers 407 unless the request carries these Basic credentials. */
    public static ForwardProxy withLogin(String username, String password) throws IOException {
        return new ForwardProxy(username, password);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Request lines forwarded, e.g. "POST http://upstream.invalid:8089/oauth2/token" or "CONNECT 127.0.0.1:8443". */
    public List<String> forwarded() {
        return List.copyOf(forwarded);
    }

    /** Whether a forwarded plain request's line contains {@code fragment} (a path, say). */
    public boolean forwardedAny(String fragment) {
        return forwarded.stream().anyMatch(line -> line.contains(fragment));
    }

    /** Requests answered 407 (no or wrong credentials). */
    public int refused() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String[] requestLine = head.get(0).split(" ");
            if (expectedAuthorization != null && !expectedAuthorization.equals(header(head, "Proxy-Authorization"))) {
                refused.incrementAndGet();
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"college\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\nProxy-Connection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return;
            }
            forwarded.add(requestLine[0] + " " + requestLine[1]);
            if (requestLine[0].equals("CONNECT")) {
                tunnel(client, requestLine[1]);
            } else {
                forward(client, requestLine, head);
            }
        } catch (IOException e) {
            // a client or upstream that went away: the client sees its own error
        }
    }

    private void tunnel(Socket client, String authority) throws IOException {
        int colon = authority.lastIndexOf(':');
        try (Socket upstream = new Socket(target(authority.substring(0, colon)), Integer.parseInt(authority.substring(colon + 1)))) {
            client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            threads.execute(() -> pipe(upstream, client));
            pipe(client, upstream);
        }
    }

    private void forward(Socket client, String[] requestLine, List<String> head) throws IOException {
        URI uri = URI.create(requestLine[1]);
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        try (Socket upstream = new Socket(target(uri.getHost()), port)) {
            StringBuilder request = new StringBuilder(requestLine[0]).append(' ').append(uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(' ').append(requestLine[2]).append("\r\n");
            long length = 0;
            for (String line : head.subList(1, head.size())) {
                String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
                if (name.startsWith("proxy-") || name.equals("connection") || name.equals("keep-alive")) {
                    continue;
                }
                if (name.equals("content-length")) {
                    length = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
                request.append(line).append("\r\n");
            }
            // one request per connection each way: nobody reuses a connection the proxy is about to close
            request.append("Connection: close\r\n\r\n");
            OutputStream toUpstream = upstream.getOutputStream();
            toUpstream.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            toUpstream.write(client.getInputStream().readNBytes((int) length));
            toUpstream.flush();
            InputStream fromUpstream = upstream.getInputStream();
            List<String> responseHead = readHead(fromUpstream);
            StringBuilder response = new StringBuilder();
            for (String line : responseHead) {
                if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                    response.append(line).append("\r\n");
                }
            }
            response.append("Connection: close\r\nProxy-Connection: close\r\n\r\n");
            OutputStream toClient = client.getOutputStream();
            toClient.write(response.toString().getBytes(StandardCharsets.ISO_8859_1));
            fromUpstream.transferTo(toClient);
            toClient.flush();
        }
    }

    private static String target(String host) {
        return host.endsWith(".invalid") ? "127.0.0.1" : host;
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    private static String header(List<String> head, String name) {
        for (String line : head.subList(1, head.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** The request or status line and the header lines, up to the blank line (ISO-8859-1, as HTTP/1.1 heads are). */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
