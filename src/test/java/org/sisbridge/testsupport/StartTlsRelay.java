package org.sisbridge.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP relay that speaks STARTTLS, which GreenMail does not: it offers STARTTLS on the plain
 * connection and the login (PLAIN, LOGIN) only once the connection is encrypted, as a college's relay
 * does. Each message it takes is kept with the user that logged in and whether it came over TLS. Only
 * the SMTP a mail client needs to send; one connection at a time.
 */
public final class StartTlsRelay implements AutoCloseable {

    /** A message as the relay took it. */
    public record Received(String user, boolean overTls, List<String> recipients, String data) {
    }

    private final ServerSocket server;
    private final SSLContext tls;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** What went wrong on a connection (a handshake the client broke off, say). */
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** @param keyStore the server's key (PKCS12) for 127.0.0.1, as TestServerCertificate writes it */
    public StartTlsRelay(Path keyStore, char[] password) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "starttls-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A relay with the test certificate's key (TestServerCertificate.write). */
    public static StartTlsRelay start(org.sisbridge.simulator.TestServerCertificate certificate) throws Exception {
        return new StartTlsRelay(certificate.keyStore(), org.sisbridge.simulator.TestServerCertificate.KEY_STORE_PASSWORD.toCharArray());
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(10_000);
                converse(socket);
            } catch (IOException | RuntimeException e) {
                if (!server.isClosed()) {
                    failures.add(e.toString());
                }
            }
        }
    }

    private void converse(Socket plain) throws IOException {
        Socket socket = plain;
        BufferedReader in = reader(socket);
        OutputStream out = socket.getOutputStream();
        boolean overTls = false;
        String user = null;
        String from = null;
        List<String> recipients = new CopyOnWriteArrayList<>();
        reply(out, "220 127.0.0.1 ESMTP test relay");
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
            switch (verb) {
                case "EHLO", "HELO" -> reply(out, overTls
                        ? "250-127.0.0.1\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME"
                        : "250-127.0.0.1\r\n250-STARTTLS\r\n250 8BITMIME");
                case "STAR" -> {
                    reply(out, "220 go ahead");
                    SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
                    secured.setUseClientMode(false);
                    secured.startHandshake();
                    socket = secured;
                    in = reader(socket);
                    out = socket.getOutputStream();
                    overTls = true;
                }
                case "AUTH" -> {
                    if (!overTls) {
                        reply(out, "530 must issue STARTTLS first");
                        continue;
                    }
                    user = login(line, in, out);
                }
                case "MAIL" -> {
                    from = line;
                    recipients.clear();
                    reply(out, "250 ok");
                }
                case "RCPT" -> {
                    recipients.add(line.substring(line.indexOf(':') + 1).trim());
                    reply(out, "250 ok");
                }
                case "DATA" -> {
                    reply(out, "354 end with .");
                    StringBuilder data = new StringBuilder();
                    String d;
                    while ((d = in.readLine()) != null && !d.equals(".")) {
                        data.append(d.startsWith("..") ? d.substring(1) : d).append('\n');
                    }
                    if (from != null) {
                        received.add(new Received(user, overTls, List.copyOf(recipients), data.toString()));
                    }
                    reply(out, "250 queued");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "250 ok"); // RSET, NOOP
            }
        }
    }

    /** AUTH PLAIN (inline or after a 334) or AUTH LOGIN; any password is taken, the user is what a test checks. */
    private static String login(String command, BufferedReader in, OutputStream out) throws IOException {
        String[] parts = command.split(" ");
        String user;
        if (parts[1].equalsIgnoreCase("PLAIN")) {
            String encoded = parts.length > 2 ? parts[2] : prompt(in, out, "334 ");
            user = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).split("\0")[1];
        } else {
            user = new String(Base64.getDecoder().decode(prompt(in, out, "334 VXNlcm5hbWU6")), StandardCharsets.UTF_8);
            prompt(in, out, "334 UGFzc3dvcmQ6");
        }
        reply(out, "235 authenticated");
        return user;
    }

    private static String prompt(BufferedReader in, OutputStream out, String challenge) throws IOException {
        reply(out, challenge);
        return in.readLine();
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
