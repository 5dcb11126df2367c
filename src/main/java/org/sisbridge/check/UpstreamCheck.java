package org.sisbridge.check;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.sisbridge.upstream.UpstreamLimits;
import org.sisbridge.upstream.UpstreamPermanentException;
import org.sisbridge.upstream.UpstreamProxy;
import org.sisbridge.upstream.UpstreamSettings;
import org.sisbridge.upstream.UpstreamTokenProvider;
import org.sisbridge.upstream.UpstreamTransientException;

/** Whether the upstream answers and accepts this college's client credentials: fetches one token, as the agent would. */
final class UpstreamCheck {

    private UpstreamCheck() {
    }

    /**
     * @param sslContext built from the sisbridge.upstream.trust-store* keys, as the agent builds its own
     * @param proxy      the sisbridge.upstream.proxy-* keys, as the agent reads them
     */
    static void run(CheckReport report, UpstreamSettings settings, SSLContext sslContext, UpstreamProxy proxy) {
        HttpClient http = proxy.apply(HttpClient.newBuilder().connectTimeout(Duration.ofMillis(settings.connectTimeoutMs()))
                .sslContext(sslContext)).build();
        try {
            new UpstreamTokenProvider(settings, http, Clock.systemUTC(), UpstreamLimits.DEFAULTS, proxy).currentToken();
            report.ok("upstream reachable at " + settings.baseUrl() + (proxy.configured() ? " through the " + proxy : "")
                    + " and client '" + settings.clientId() + "' accepted (token obtained)");
        } catch (UpstreamPermanentException e) {
            report.error("upstream credentials rejected: " + e.getMessage());
        } catch (UpstreamTransientException e) {
            report.error("upstream unreachable at " + settings.baseUrl() + ": " + e.getMessage()
                    + "\ncheck sisbridge.upstream.base-url, and that this machine may connect to it (proxy, firewall)");
        }
    }
}
