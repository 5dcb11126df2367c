package org.sisbridge.upstream;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The college's outbound HTTP(S) proxy (keys {@code sisbridge.upstream.proxy-*}), one description for
 * every upstream client: the flows (Apache HttpClient, {@link UpstreamHttpClientConfigurer}), the
 * token request, readiness and {@code check} (JDK HttpClient, {@link #selector()} and
 * {@link #authenticator()}). Never the JVM's own proxy settings: what {@code check} proves is what the
 * flows use.
 *
 * @param host            empty when there is no proxy
 * @param nonProxyHosts   host names reached directly; {@code *.college.edu} matches every name under it
 */
public record UpstreamProxy(String host, int port, String username, String password, List<String> nonProxyHosts) {

    /** Property that lets the JDK client answer a proxy's Basic challenge to an https CONNECT (off by default). */
    public static final String JDK_TUNNEL_BASIC = "jdk.http.auth.tunneling.disabledSchemes";

    public static final UpstreamProxy NONE = new UpstreamProxy("", 0, "", "", List.of());

    public UpstreamProxy {
        host = host == null ? "" : host.trim();
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        nonProxyHosts = nonProxyHosts == null ? List.of() : List.copyOf(nonProxyHosts);
    }

    public boolean configured() {
        return !host.isEmpty();
    }

    public boolean authenticated() {
        return configured() && !username.isEmpty();
    }

    /** Whether a call to {@code target} goes through the proxy. */
    public boolean proxies(String target) {
        if (!configured() || target == null) {
            return false;
        }
        String name = target.toLowerCase(Locale.ROOT);
        for (String pattern : nonProxyHosts) {
            String p = pattern.trim().toLowerCase(Locale.ROOT);
            if (p.equals(name) || (p.startsWith("*") && name.endsWith(p.substring(1)))) {
                return false;
            }
        }
        return true;
    }

    /** "host:port", for messages. */
    public String address() {
        return host + ":" + port;
    }

    /** The JDK clients' proxy choice: this proxy, or direct for the non-proxy hosts. */
    public ProxySelector selector() {
        UpstreamProxy self = this;
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return self.proxies(uri.getHost())
                        ? List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port)))
                        : List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                // the call fails with its own message; there is no other proxy to try
            }
        };
    }

    /** The JDK clients' answer to the proxy's challenge (only the proxy's: a server's 401 is the token's business). */
    public Optional<Authenticator> authenticator() {
        if (!authenticated()) {
            return Optional.empty();
        }
        return Optional.of(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY
                        ? new PasswordAuthentication(username, password.toCharArray()) : null;
            }
        });
    }

    /** A JDK client builder that goes through this proxy (or direct when there is none). */
    public java.net.http.HttpClient.Builder apply(java.net.http.HttpClient.Builder builder) {
        if (configured()) {
            builder.proxy(selector());
            authenticator().ifPresent(builder::authenticator);
        }
        return builder;
    }

    /** The one line a refused proxy login gets, wherever it shows up. */
    public String refusedCredentials() {
        return "the proxy " + address() + " refused the proxy credentials (HTTP 407): check"
                + " sisbridge.upstream.proxy-username and the proxy password (sisbridge.upstream.proxy-password-env or -file)";
    }

    /** The message for a proxy that asks for credentials none were configured for. */
    public String asksForCredentials() {
        return configured() && !authenticated()
                ? "the proxy " + address() + " asks for credentials (HTTP 407): set sisbridge.upstream.proxy-username"
                        + " and the proxy password (sisbridge.upstream.proxy-password-env or -file)"
                : "the upstream answered HTTP 407 (proxy authentication required), but no proxy is configured: set"
                        + " sisbridge.upstream.proxy-host and -port";
    }

    /** The one line for a 407, whichever client met it. */
    public String proxyAuthFailure() {
        return authenticated() ? refusedCredentials() : asksForCredentials();
    }

    /**
     * Whether a JDK client's failure is the proxy refusing its login: an https tunnel refused ("Tunnel
     * failed, got: 407"), or the JDK giving up after asking the authenticator three times (only the
     * proxy's challenge is ever answered, so that is the proxy's).
     */
    public boolean isProxyAuthFailure(Throwable failure) {
        if (!configured()) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("407") || message.contains("too many authentication attempts"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lets the JDK client send Basic credentials for an https tunnel (the JDK disables it by default).
     * Must run before the first JDK HttpClient of the process is built (the JDK reads it once).
     */
    public static void allowBasicForTunnels() {
        if (System.getProperty(JDK_TUNNEL_BASIC) == null) {
            System.setProperty(JDK_TUNNEL_BASIC, "");
        }
    }

    @Override
    public String toString() {
        // never the password
        return configured() ? "proxy " + address() + (authenticated() ? " as " + username : "") : "no proxy";
    }
}
