package org.sisbridge.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.sisbridge.staging.SecretSource;

/**
 * The configuration rules about what travels or listens beyond this machine, checked with the other
 * cross-key rules before anything starts (so {@code run} refuses with exit 2 and one message, and
 * {@code check} says the same):
 * an {@code http://} upstream other than loopback (the client secret, tokens and rosters would travel
 * in clear) unless sisbridge.upstream.allow-plain-http=true, and a management endpoint bound beyond
 * loopback without a token, or with the staff pages on but no TLS key store.
 */
public final class ExposureRules {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9A-Fa-f:.%]+]?");

    private ExposureRules() {
    }

    static void check(Function<String, String> value, SecretSource secrets, List<String> errors) {
        plainHttp(value, errors);
        managementToken(value, secrets, errors);
    }

    private static void plainHttp(Function<String, String> value, List<String> errors) {
        plainHttp("sisbridge.upstream.base-url", value, errors);
        // the token request carries the client secret itself
        String tokenUrl = value.apply("sisbridge.upstream.token-url");
        if (tokenUrl != null && !tokenUrl.isBlank()) {
            plainHttp("sisbridge.upstream.token-url", value, errors);
        }
    }

    private static void plainHttp(String key, Function<String, String> value, List<String> errors) {
        URI base = URI.create(value.apply(key).trim());
        if (!"http".equalsIgnoreCase(base.getScheme()) || isLoopbackWithoutLookup(base.getHost())
                || Boolean.parseBoolean(value.apply("sisbridge.upstream.allow-plain-http"))) {
            return;
        }
        errors.add(key + " is http:// to " + base.getHost() + ", which is not this machine: the client"
                + " secret, tokens and rosters would travel in clear; use https://, or set sisbridge.upstream.allow-plain-http=true"
                + " only where that network is trusted");
    }

    private static void managementToken(Function<String, String> value, SecretSource secrets, List<String> errors) {
        if (!Boolean.parseBoolean(value.apply("sisbridge.watch.enabled"))) {
            return;
        }
        String host = value.apply("sisbridge.watch.host");
        boolean loopback;
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            errors.add("sisbridge.watch.host: '" + host + "' is not a known host name or address");
            return;
        }
        if (loopback) {
            return;
        }
        String token;
        try {
            token = secrets.read(value.apply("sisbridge.watch.token-env"),
                    value.apply("sisbridge.watch.token-file"));
        } catch (RuntimeException e) {
            errors.add("sisbridge.watch.token-file: " + e.getMessage());
            return;
        }
        if (token.isEmpty()) {
            errors.add(noToken(host));
        }
        if (Boolean.parseBoolean(value.apply("sisbridge.watch.staff-pages-enabled"))
                && value.apply("sisbridge.watch.tls.key-store").isBlank()) {
            errors.add(noKeyStore(host));
        }
    }

    /** The one message for staff pages (logins, student identifiers) that other machines would reach without TLS. */
    public static String noKeyStore(String host) {
        return "sisbridge.watch.host is " + host + ", which other machines can reach, and the staff pages are on, but"
                + " sisbridge.watch.tls.key-store is empty: staff passwords and student identifiers would travel in clear;"
                + " set a PKCS12 key store (and its password in sisbridge.watch.tls.key-store-password-env or -file),"
                + " turn the staff pages off (sisbridge.watch.staff-pages-enabled=false), or bind to 127.0.0.1";
    }

    /** The one message for an endpoint other machines can reach with no token (also the server factory's). */
    public static String noToken(String host) {
        return "sisbridge.watch.host is " + host + ", which other machines can reach, but no management token is set: put"
                + " one in the environment variable named by sisbridge.watch.token-env or in the file named by"
                + " sisbridge.watch.token-file, or bind to 127.0.0.1";
    }

    /** localhost and loopback address literals; a host name is never looked up here (a slow DNS must not stall check). */
    static boolean isLoopbackWithoutLookup(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(h).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
