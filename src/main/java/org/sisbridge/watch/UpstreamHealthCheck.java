package org.sisbridge.watch;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.sisbridge.upstream.UpstreamProxy;

/**
 * Readiness: the upstream answers HTTP at all. One unauthenticated GET of the contract's
 * {@code /v1/health} (no token, no student data); any answer below 500 means reachable. The answer
 * is reused for a few seconds, so frequent probes do not turn into upstream traffic.
 */
public class UpstreamHealthCheck extends AbstractHealthCheck {

    private final URI probe;
    private final HttpClient http;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private final UpstreamProxy proxy;
    private Instant checkedAt = Instant.MIN;
    private String problem;

    public UpstreamHealthCheck(URI baseUrl, SSLContext sslContext, Duration timeout, Duration cacheFor, Clock clock) {
        this(baseUrl, sslContext, UpstreamProxy.NONE, timeout, cacheFor, clock);
    }

    /**
     * @param sslContext the upstream clients' one SSLContext (sisbridge.upstream.trust-store*)
     * @param proxy      the upstream clients' one proxy (sisbridge.upstream.proxy-*)
     */
    public UpstreamHealthCheck(URI baseUrl, SSLContext sslContext, UpstreamProxy proxy, Duration timeout, Duration cacheFor,
                               Clock clock) {
        super("sisbridge", "upstream");
        this.probe = baseUrl.resolve("/v1/health");
        this.proxy = proxy;
        this.http = proxy.apply(HttpClient.newBuilder().connectTimeout(timeout).sslContext(sslContext)).build();
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String why = currentProblem();
        if (why == null) {
            builder.up();
        } else {
            builder.down().message(why);
        }
    }

    /** @return null when upstream answered, else why not; probed again once the last answer is older than cacheFor */
    synchronized String currentProblem() {
        Instant now = clock.instant();
        if (now.isBefore(checkedAt.plus(cacheFor))) {
            return problem;
        }
        problem = probeOnce();
        checkedAt = clock.instant();
        return problem;
    }

    private String probeOnce() {
        HttpRequest request = HttpRequest.newBuilder(probe).timeout(timeout).GET().build();
        // the request timeout ends at the headers: a body that trickles must not hold readiness, so the
        // whole answer is waited for no longer than the timeout either
        CompletableFuture<HttpResponse<Void>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            int status = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
            if (status == 407) {
                // the proxy's answer, not upstream's: upstream was not reached
                return proxy.proxyAuthFailure();
            }
            return status < 500 ? null : "upstream " + probe + " answered HTTP " + status;
        } catch (TimeoutException e) {
            answer.cancel(true);
            return "upstream " + probe + " did not answer within " + timeout.toMillis() + " ms";
        } catch (ExecutionException e) {
            if (proxy.isProxyAuthFailure(e.getCause())) {
                return proxy.proxyAuthFailure();
            }
            return "upstream " + probe + " is not reachable: " + e.getCause();
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return "interrupted while probing upstream " + probe;
        }
    }
}
