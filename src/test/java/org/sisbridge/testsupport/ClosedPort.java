package org.sisbridge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A loopback port nothing listens on (one the system just handed out and took back): connections to it are refused. */
public final class ClosedPort {

    private ClosedPort() {
    }

    public static int find() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PostgreSQL JDBC URL whose server is not there. */
    public static String postgresUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/test";
    }
}
