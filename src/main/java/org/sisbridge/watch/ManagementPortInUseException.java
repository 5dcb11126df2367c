package org.sisbridge.watch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The management endpoint's address is taken, most often by another sisbridge already running on
 * this machine. Camel's HTTP server would only log the failed bind and run on without health,
 * metrics and status page, so the agent refuses to start instead, saying which port and what to do.
 */
public class ManagementPortInUseException extends RuntimeException {

    private ManagementPortInUseException(String host, int port, IOException cause) {
        super("The management endpoint cannot listen on " + host + ":" + port + ": " + cause.getMessage()
                + ". Another sisbridge, or another program, holds that port: stop it, or set sisbridge.watch.port"
                + " (sisbridge.watch.enabled=false turns the endpoint off).", cause);
    }

    /** Binds the address for a moment and lets it go; port 0 (any free port) is always free. */
    public static void requireFree(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new ManagementPortInUseException(host, port, e);
        }
    }
}
