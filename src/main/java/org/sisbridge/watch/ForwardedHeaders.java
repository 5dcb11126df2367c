package org.sisbridge.watch;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a reverse proxy says about the request it passes on: the chain of client addresses ({@code X-Forwarded-For},
 * else the standard {@code Forwarded: for=}), the scheme the browser used ({@code X-Forwarded-Proto}, else
 * {@code proto=}) and the host it asked for ({@code X-Forwarded-Host}, else {@code host=}). Only read for a peer in
 * sisbridge.watch.trusted-proxies: anyone else could write any of them. Of the scheme and the host, the last value
 * counts, the one the nearest proxy (the trusted one) set; proxies that append rather than replace leave the
 * client's own claim further left.
 */
record ForwardedHeaders(List<String> chain, String proto, String host) {

    static ForwardedHeaders of(MultiMap headers) {
        List<String> chain = commaList(headers.getAll("X-Forwarded-For"));
        String proto = last(commaList(headers.getAll("X-Forwarded-Proto")));
        String host = last(commaList(headers.getAll("X-Forwarded-Host")));
        List<String> forwarded = commaList(headers.getAll("Forwarded"));
        if (chain.isEmpty()) {
            chain = forwarded.stream().map(element -> parameter(element, "for")).filter(v -> v != null).toList();
        }
        if (proto == null && !forwarded.isEmpty()) {
            proto = parameter(forwarded.get(forwarded.size() - 1), "proto");
        }
        if (host == null && !forwarded.isEmpty()) {
            host = parameter(forwarded.get(forwarded.size() - 1), "host");
        }
        return new ForwardedHeaders(chain, proto, host);
    }

    /** Whether the proxy says the browser spoke HTTPS to it. */
    boolean https() {
        return proto != null && proto.trim().equalsIgnoreCase("https");
    }

    /**
     * One entry of the chain as an address: "10.0.0.66", "2001:db8::1", "[2001:db8::1]:4711" and "10.0.0.66:52311"
     * (IIS ARR adds the client's port) all name their address; "unknown", an obfuscated "_name" or garbage is null.
     */
    static String address(String entry) {
        String e = entry.trim();
        if (e.startsWith("[")) {
            int end = e.indexOf(']');
            e = end < 0 ? e : e.substring(1, end);
        } else if (e.indexOf(':') >= 0 && e.indexOf(':') == e.lastIndexOf(':')) {
            e = e.substring(0, e.indexOf(':'));
        }
        return IpLiteral.parse(e).map(java.net.InetAddress::getHostAddress).orElse(null);
    }

    /** One parameter of a Forwarded element ("for=192.0.2.60;proto=https"), unquoted; null when absent. */
    private static String parameter(String element, String name) {
        for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals(name)) {
                String value = pair.substring(eq + 1).trim();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    /** Every value of a header given once or several times, split at commas, blanks dropped. */
    private static List<String> commaList(List<String> values) {
        List<String> items = new ArrayList<>();
        for (String value : values) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }

    private static String last(List<String> items) {
        return items.isEmpty() ? null : items.get(items.size() - 1);
    }
}
