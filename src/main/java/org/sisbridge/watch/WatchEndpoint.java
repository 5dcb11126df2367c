package org.sisbridge.watch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/** Where the running management endpoint listens (the actual port, also when configured as 0). */
public final class WatchEndpoint {

    private WatchEndpoint() {
    }

    /** @return e.g. {@code http://127.0.0.1:8787} ({@code https} with a key store), or null when the endpoint is off */
    public static String baseUrl(CamelContext context) {
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        if (server == null || server.getServer() == null) {
            return null;
        }
        String tls = context.getPropertiesComponent().resolveProperty("sisbridge.watch.tls.key-store").orElse("");
        return (tls.isBlank() ? "http://" : "https://") + reachableHost(server.getHost()) + ":" + server.getPort();
    }

    /** An endpoint bound to every address is reached on this machine through the loopback address. */
    private static String reachableHost(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress()) {
                return "127.0.0.1";
            }
            String literal = address.getHostAddress();
            return literal.contains(":") ? "[" + literal + "]" : host;
        } catch (UnknownHostException e) {
            return host;
        }
    }
}
