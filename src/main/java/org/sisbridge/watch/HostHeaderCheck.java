package org.sisbridge.watch;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Answers only requests whose {@code Host} names this endpoint: its bound address (and localhost
 * and the loopback addresses when bound to loopback; this machine's addresses and name when bound to
 * every address) or a name in sisbridge.watch.allowed-hosts. Anything else gets 421, so a web page
 * whose own host name an attacker re-points at this machine (DNS rebinding) cannot read the status
 * page or the metrics from a browser here: the browser still sends the attacker's name. The port
 * is not compared (the page's name is what rebinding cannot change). A request without a Host
 * header (HTTP/1.0, never a browser) is let through. Behind a proxy of sisbridge.watch.trusted-proxies the host the
 * browser asked the proxy for ({@code X-Forwarded-Host}) must pass too: the proxy's own Host is often just the agent's
 * loopback address, which a rebound name would pass.
 */
public final class HostHeaderCheck implements AuthenticationHandler {

    private final Set<String> allowed;
    private final TrustedProxies proxies;

    HostHeaderCheck(Set<String> allowed) {
        this(allowed, TrustedProxies.NONE);
    }

    private HostHeaderCheck(Set<String> allowed, TrustedProxies proxies) {
        this.allowed = Set.copyOf(allowed);
        this.proxies = proxies;
    }

    /** @param configured the names of sisbridge.watch.allowed-hosts */
    public static HostHeaderCheck forBinding(String boundHost, List<String> configured) {
        return forBinding(boundHost, configured, TrustedProxies.NONE);
    }

    /** @param proxies the reverse proxies whose X-Forwarded-Host is checked as well */
    public static HostHeaderCheck forBinding(String boundHost, List<String> configured, TrustedProxies proxies) {
        Set<String> names = new HashSet<>();
        names.add(normalise(boundHost));
        configured.stream().map(String::trim).filter(n -> !n.isEmpty()).map(HostHeaderCheck::normalise).forEach(names::add);
        try {
            InetAddress bound = InetAddress.getByName(boundHost);
            names.add(normalise(bound.getHostAddress()));
            if (bound.isLoopbackAddress() || bound.isAnyLocalAddress()) {
                List.of("localhost", "127.0.0.1", "::1").forEach(n -> names.add(normalise(n)));
            }
            if (bound.isAnyLocalAddress()) {
                thisMachine(names);
            }
        } catch (UnknownHostException e) {
            // the configuration check refuses an unknown host before the server is built
        }
        return new HostHeaderCheck(names, proxies);
    }

    /** Every address of this machine's interfaces, and its own name. */
    private static void thisMachine(Set<String> names) {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                Collections.list(nic.getInetAddresses()).forEach(a -> names.add(normalise(a.getHostAddress())));
            }
        } catch (SocketException e) {
            // no interface list: the bound names and the configured ones still work
        }
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(normalise(local.getHostName()));
            names.add(normalise(local.getCanonicalHostName()));
        } catch (UnknownHostException e) {
            // a machine without a resolvable name of its own: reached by address or a configured name
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        String host = ctx.request().getHeader("Host");
        if ((host == null || accepts(host)) && forwardedHostAccepted(ctx)) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(421).putHeader("Content-Type", "text/plain; charset=utf-8")
                .end("421 Misdirected Request: this endpoint answers only to its own address or to a name in"
                        + " sisbridge.watch.allowed-hosts\n");
    }

    /** Behind a trusted proxy, the host the browser named to it; any other peer's X-Forwarded-Host is not read. */
    private boolean forwardedHostAccepted(RoutingContext ctx) {
        io.vertx.core.net.SocketAddress peer = ctx.request().remoteAddress();
        if (proxies.isEmpty() || peer == null || !proxies.trusts(peer.host())) {
            return true;
        }
        io.vertx.core.net.HostAndPort asked = proxies.client(ctx.request()).authority();
        return asked == null || accepts(asked.host());
    }

    boolean accepts(String hostHeader) {
        String h = hostHeader.trim();
        String name;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            name = end < 0 ? h : h.substring(1, end);
        } else {
            int colon = h.indexOf(':');
            name = colon >= 0 && colon == h.lastIndexOf(':') ? h.substring(0, colon) : h;
        }
        return allowed.contains(normalise(name));
    }

    /** Lower case, no trailing dot, no brackets or zone of an IPv6 literal. */
    private static String normalise(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int zone = h.indexOf('%');
        if (zone >= 0) {
            h = h.substring(0, zone);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.contains(":")) {
            try {
                h = InetAddress.getByName(h).getHostAddress().toLowerCase(Locale.ROOT); // one spelling of an IPv6 literal
                int z = h.indexOf('%');
                h = z >= 0 ? h.substring(0, z) : h;
            } catch (UnknownHostException e) {
                // not a literal after all: compared as written
            }
        }
        return h;
    }
}
