package org.sisbridge.watch;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies of sisbridge.watch.trusted-proxies (IP addresses and CIDR ranges, IPv4 and IPv6), and what
 * their word changes. A college often puts IIS, nginx or Apache httpd in front of the endpoint to serve TLS; every
 * request then comes from the proxy's address, so the failed-login counts of all staff were one, the cookie was never
 * Secure and the browser's Origin never matched. For a peer in the list the client is the right-most address of
 * {@code X-Forwarded-For} (or {@code Forwarded: for=}) that is not itself a trusted proxy, {@code X-Forwarded-Proto:
 * https} is TLS and {@code X-Forwarded-Host} the authority. For any other peer, and with the list empty (the
 * default), those headers are not read at all: anyone can send them.
 */
public final class TrustedProxies {

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private static final String EXAMPLES = "an IP address or CIDR range such as 127.0.0.1, 10.0.0.0/8, ::1 or fd00::/8";

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /**
     * @param list comma-separated addresses and CIDR ranges; empty for none
     * @throws IllegalArgumentException naming the first entry that is neither, in words for the operator
     */
    public static TrustedProxies parse(String list) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : list == null ? new String[0] : list.split(",")) {
            if (!entry.isBlank()) {
                ranges.add(Range.parse(entry.trim()));
            }
        }
        return ranges.isEmpty() ? NONE : new TrustedProxies(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether this address (a literal) is one of the trusted proxies. */
    public boolean trusts(String address) {
        return IpLiteral.parse(address).map(this::trusts).orElse(false);
    }

    private boolean trusts(InetAddress address) {
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    /** The client of a request, its proxy's headers read only when the TCP peer is a trusted proxy. */
    public RequestClient client(HttpServerRequest request) {
        return client(request.remoteAddress() == null ? null : request.remoteAddress().host(), request.isSSL(),
                request.authority(), request.headers());
    }

    RequestClient client(String peer, boolean ssl, HostAndPort authority, MultiMap headers) {
        Optional<InetAddress> peerAddress = IpLiteral.parse(peer);
        String peerText = peerAddress.map(InetAddress::getHostAddress).orElse(peer == null ? "?" : peer);
        boolean peerOnThisMachine = peerAddress.map(InetAddress::isLoopbackAddress).orElse(false);
        if (peerAddress.isEmpty() || !trusts(peerAddress.get())) {
            return new RequestClient(peerText, null, peerOnThisMachine, ssl, authority);
        }
        ForwardedHeaders forwarded = ForwardedHeaders.of(headers);
        boolean tls = ssl || forwarded.https();
        HostAndPort host = forwarded.host() == null ? null : HostAndPort.parseAuthority(forwarded.host(), -1);
        if (forwarded.host() != null && host == null) {
            // a host the browser cannot have asked for: no authority, so the Origin check refuses rather than guess
            authority = null;
        } else if (host != null) {
            authority = host;
        }
        if (forwarded.chain().isEmpty()) {
            // no client named: a request from the proxy's machine itself (say curl on it), counted as the proxy's own
            return new RequestClient(peerText, null, peerOnThisMachine, tls, authority);
        }
        // right to left: each trusted hop added the address it got the request from; the first untrusted one is the
        // client (anything left of it is what that client claimed, and not read)
        String client = null;
        for (int i = forwarded.chain().size() - 1; i >= 0; i--) {
            String address = ForwardedHeaders.address(forwarded.chain().get(i));
            if (address == null) {
                // unreadable where a trusted hop should have written the address it got the request from: the client
                // is unknown (not the last trusted hop read, which would make a forwarded request look local)
                client = null;
                break;
            }
            client = address;
            if (!trusts(address)) {
                break;
            }
        }
        if (client == null) {
            // the proxy named a client it could not write down: counted as the proxy's, and never taken for this
            // machine (it was forwarded from somewhere), so nothing open on loopback alone opens for it
            return new RequestClient(peerText, peerText, false, tls, authority);
        }
        boolean onThisMachine = IpLiteral.parse(client).map(InetAddress::isLoopbackAddress).orElse(false);
        return new RequestClient(client, peerText, onThisMachine, tls, authority);
    }

    /** One entry: an address and how many of its leading bits a peer must share (all of them for a single address). */
    private record Range(byte[] network, int bits) {

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            String addressText = slash < 0 ? entry : entry.substring(0, slash).trim();
            InetAddress address = IpLiteral.parse(addressText).orElseThrow(() -> new IllegalArgumentException(
                    "has '" + entry + "', which is not " + EXAMPLES + " (host names are not looked up)"));
            byte[] bytes = address.getAddress();
            int bits = bytes.length * 8;
            if (slash >= 0) {
                String prefix = entry.substring(slash + 1).trim();
                if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > bytes.length * 8) {
                    throw new IllegalArgumentException("has '" + entry + "', whose prefix length must be a number from 0 to "
                            + bytes.length * 8 + " (" + EXAMPLES + ")");
                }
                bits = Integer.parseInt(prefix);
            }
            return new Range(bytes, bits);
        }

        boolean contains(InetAddress address) {
            byte[] other = address.getAddress();
            if (other.length != network.length) {
                return false; // IPv4 and IPv6 never match each other (::ffff:a.b.c.d already came back as IPv4)
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (other[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (other[full] & mask) == (network[full] & mask);
        }
    }
}
