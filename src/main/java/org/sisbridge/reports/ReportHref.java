package org.sisbridge.reports;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The path a report listing's {@code href} names on the configured upstream
 * ({@code sisbridge.upstream.base-url}), which the download asks for. The contract gives a path
 * ({@code /v1/colleges/111/reports/...}); a server that writes the whole URL instead
 * ({@code https://upstream.example/v1/colleges/...}) is followed too, as long as it is the configured
 * upstream's own: same scheme, host and port, and under the base URL's path, whose prefix the
 * download adds again. An href naming another host is refused: the download carries the agent's
 * bearer token, which goes to the configured upstream only.
 */
final class ReportHref {

    private final String scheme;
    private final String host;
    private final int port;
    /** The base URL's path without its trailing slash: "" or "/api". */
    private final String prefix;

    /** @param baseUrl sisbridge.upstream.base-url, an absolute http(s) URL */
    ReportHref(String baseUrl) {
        URI base = URI.create(baseUrl.trim());
        this.scheme = lower(base.getScheme());
        this.host = lower(base.getHost());
        this.port = port(base);
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        this.prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** What became of an href: the path to download, or why there is none. */
    record Resolved(String path, String refusal) {
        boolean usable() {
            return path != null;
        }
    }

    Resolved resolve(String href) {
        if (href == null || href.isEmpty()) {
            return refused("it has no href");
        }
        URI uri;
        try {
            uri = new URI(href);
        } catch (URISyntaxException e) {
            return refused("its href is not a URL or path");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return refused("its href carries a query or fragment, which the contract's download path does not");
        }
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/") || !uri.normalize().getRawPath().equals(path)) {
            return refused("its href is not an absolute path (no . or .. segments)");
        }
        if (!uri.isAbsolute() && uri.getRawAuthority() == null) {
            return new Resolved(path, null); // the contract's form: a path on the configured upstream
        }
        if (uri.getHost() == null || !lower(uri.getScheme()).equals(scheme) || !lower(uri.getHost()).equals(host)
                || port(uri) != port) {
            return refused("its href names another host than sisbridge.upstream.base-url, and the agent's token goes"
                    + " to that one only");
        }
        if (prefix.isEmpty()) {
            return new Resolved(path, null);
        }
        if (!path.startsWith(prefix + "/")) {
            return refused("its href is outside sisbridge.upstream.base-url's path " + prefix);
        }
        return new Resolved(path.substring(prefix.length()), null);
    }

    private static Resolved refused(String why) {
        return new Resolved(null, why);
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }

    /** The explicit port, or the scheme's own (80, 443), so that http://host and http://host:80 are one upstream. */
    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
