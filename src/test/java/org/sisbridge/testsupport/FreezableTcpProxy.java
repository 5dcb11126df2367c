package org.sisbridge.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on a free loopback port to a real server, that can be frozen: from then on it still
 * accepts connections and reads what clients send, but passes nothing on in either direction. To a
 * client that is a server that hangs (a dead host, a firewall dropping packets), which neither
 * refuses nor closes, the case a timeout must handle.
 */
public final class FreezableTcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;

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

    /** Closes every relayed connection now (a server restart, a dropped link); new ones are relayed as before. */
    public void cut() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
        sockets.clear();
    }

    /** Ends a freeze: the connections it swallowed bytes of are cut, new ones reach the server again. */
    public void thaw() {
        cut();
        frozen = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                if (frozen) {
                    pump(client.getInputStream(), OutputStream.nullOutputStream());
                    continue;
                }
                Socket server = new Socket(targetHost, targetPort);
                sockets.add(server);
                pump(client.getInputStream(), server.getOutputStream());
                pump(server.getInputStream(), client.getOutputStream());
            } catch (IOException e) {
                // the listener closed, or the server refused this one connection: the client sees it closed
            }
        }
    }

    /** Copies bytes on a thread of its own while not frozen; once frozen reads on, and drops them. */
    private void pump(InputStream in, OutputStream out) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (!frozen) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // a side closed
            }
        }, "tcp-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
