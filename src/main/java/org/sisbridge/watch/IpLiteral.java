package org.sisbridge.watch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address as written in a configuration value or a proxy's header, parsed without ever asking DNS: a name in
 * sisbridge.watch.trusted-proxies or in X-Forwarded-For is refused, not looked up (a slow or hostile resolver must
 * neither stall a request nor decide whom the endpoint trusts). Only strict dotted IPv4 (no "010.1", no "10.1") and
 * IPv6 literals pass; ::ffff:a.b.c.d comes back as the IPv4 address Java makes of it, so one client has one spelling.
 */
final class IpLiteral {

    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");
    // the first character keeps InetAddress on its literal path: it looks up anything not starting with a hex digit or ':'

    private IpLiteral() {
    }

    static Optional<InetAddress> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = IPV4.matcher(t).matches();
        if (!v4 && !(t.contains(":") && IPV6.matcher(t).matches())) {
            return Optional.empty();
        }
        try {
            // a literal: InetAddress parses it and never resolves it
            return Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.empty();
        }
    }
}
