package org.sisbridge.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth2 client-credentials tokens for upstream calls, cached until shortly before they expire.
 * A 401 on a call invalidates the cached token, so the retried call fetches a new one.
 *
 * <p>One flow fetches while the others wait for its token, but nobody waits past the deadline of
 * the call it is making: the fetch itself ends at that deadline (headers and every byte of the
 * body: the JDK client's request timeout covers only the headers), and a flow waiting for the lock
 * gives up at its own deadline. A token endpoint that trickles therefore costs each flow one failed
 * call, never a flow that hangs.
 */
public class UpstreamTokenProvider {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamTokenProvider.class);

    private final UpstreamSettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    /** The longest a token is kept, whatever lifetime the endpoint gives. */
    static final long MAX_LIFETIME_SECONDS = 86_400;

    private final Clock clock;
    private final UpstreamLimits limits;
    private final UpstreamProxy proxy;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile String token;
    private volatile Instant refreshAt = Instant.MIN;

    public UpstreamTokenProvider(UpstreamSettings settings, HttpClient http, Clock clock) {
        this(settings, http, clock, UpstreamLimits.DEFAULTS);
    }

    public UpstreamTokenProvider(UpstreamSettings settings, HttpClient http, Clock clock, UpstreamLimits limits) {
        this(settings, http, clock, limits, UpstreamProxy.NONE);
    }

    /** @param proxy the proxy {@code http} goes through, named in the one line a refused proxy login gets */
    public UpstreamTokenProvider(UpstreamSettings settings, HttpClient http, Clock clock, UpstreamLimits limits,
                                 UpstreamProxy proxy) {
        this.proxy = proxy;
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.limits = limits;
    }

    /** Sets the Authorization header of an upstream call, within that call's deadline. */
    public void authorize(Exchange exchange) throws UpstreamTransientException, UpstreamPermanentException {
        CallDeadline call = exchange.getProperty(UpstreamCallGuard.DEADLINE, CallDeadline.class);
        // the token gets the call's deadline, but never longer than any call's (a report download has 15 min)
        CallDeadline deadline = call != null && call.remainingMillis() <= limits.callTimeout().toMillis() ? call
                : CallDeadline.in(call != null ? call.call() : "token request", limits.callTimeout());
        exchange.getMessage().setHeader("Authorization", "Bearer " + currentToken(deadline));
    }

    public String currentToken() throws UpstreamTransientException, UpstreamPermanentException {
        return currentToken(CallDeadline.in("token request", limits.callTimeout()));
    }

    /** The cached token, or a new one; fails once {@code deadline} passes, waiting or fetching. */
    public String currentToken(CallDeadline deadline) throws UpstreamTransientException, UpstreamPermanentException {
        try {
            if (!fetching.tryLock(deadline.remainingMillis(), TimeUnit.MILLISECONDS)) {
                throw new UpstreamTransientException(deadline.exceeded("waiting for the access token another flow is"
                        + " fetching"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamTransientException("interrupted while waiting for the access token");
        }
        try {
            String current = token;
            if (current == null || !clock.instant().isBefore(refreshAt)) {
                current = fetch(deadline);
            }
            return current;
        } finally {
            fetching.unlock();
        }
    }

    /** Forgets the token so that the next call fetches a new one (no lock: a fetch in progress brings a new one anyway). */
    public void invalidate() {
        token = null;
    }

    private String fetch(CallDeadline deadline) throws UpstreamTransientException, UpstreamPermanentException {
        long remaining = deadline.remainingMillis();
        if (remaining <= 0) {
            throw new UpstreamTransientException(deadline.exceeded("the token request"));
        }
        String form = "grant_type=client_credentials"
                + "&client_id=" + encode(settings.clientId())
                + "&client_secret=" + encode(settings.clientSecret())
                + "&scope=" + encode(settings.scope());
        HttpRequest request = HttpRequest.newBuilder(settings.tokenUrl())
                .timeout(Duration.ofMillis(Math.min(settings.responseTimeoutMs(), remaining)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<byte[]> response;
        // sendAsync and a bounded wait: the request timeout ends at the headers, a trickling body would not
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request,
                CappedBodySubscriber.handler(limits.maxResponseBytes(), "the token answer"));
        try {
            response = answer.get(remaining, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new UpstreamTransientException(deadline.exceeded("the token request"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            UpstreamAnswerRefusedException.rethrowIfBound(cause);
            // an untrusted certificate stays untrusted: say what to configure instead of retrying
            String untrusted = UntrustedCertificate.explain(cause).orElse(null);
            if (untrusted != null) {
                throw new UpstreamPermanentException(untrusted);
            }
            // an https tunnel the proxy refused: the JDK says "Tunnel failed, got: 407"
            if (proxy.isProxyAuthFailure(cause)) {
                throw new UpstreamPermanentException(proxy.proxyAuthFailure());
            }
            throw new UpstreamTransientException("token request failed: " + ConnectionFailure.explain(cause, settings.tokenUrl()));
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new UpstreamTransientException("token request interrupted");
        }
        int status = response.statusCode();
        if (status == 407) {
            // the proxy, not the identity provider, refused: say which credentials to fix
            throw new UpstreamPermanentException(proxy.proxyAuthFailure());
        }
        if (status == 429 || status >= 500) {
            throw new UpstreamTransientException("token endpoint answered " + status);
        }
        if (UpstreamRedirect.is(status)) {
            throw new UpstreamPermanentException("token endpoint answered HTTP " + status + UpstreamRedirect.explain(
                    response.headers().firstValue("Location").orElse(null),
                    "sisbridge.upstream.token-url (or sisbridge.upstream.base-url)"));
        }
        if (status != 200) {
            throw new UpstreamPermanentException("upstream refused the client credentials (HTTP " + status
                    + ") for client id '" + settings.clientId() + "': check sisbridge.upstream.client-id and the client secret");
        }
        try {
            JsonNode body = json.readTree(response.body());
            String fetched = body.path("access_token").asText(null);
            // a lifetime past the calendar's end made every poll fail on the date arithmetic, and a negative
            // one is no lifetime: kept between none (a token each call) and a day (refreshed daily anyway)
            long expiresIn = Math.max(0, Math.min(body.path("expires_in").asLong(3600), MAX_LIFETIME_SECONDS));
            if (fetched == null || fetched.isEmpty()) {
                throw new UpstreamTransientException("token response carried no access_token");
            }
            if (!fetched.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                // it goes into every call's Authorization header: a line break there would add headers of upstream's
                // choosing, a space or a letter outside ASCII would break the header; the token itself is not quoted
                throw new UpstreamTransientException("token response carried an access_token that cannot be sent in a"
                        + " header (a control character, a space or a letter outside ASCII)");
            }
            long margin = Math.min(settings.tokenRefreshMarginSeconds(), expiresIn / 2);
            refreshAt = clock.instant().plusSeconds(expiresIn - margin);
            token = fetched;
            LOG.info("Obtained an upstream access token for client '{}', valid {} s", settings.clientId(), expiresIn);
            return fetched;
        } catch (IOException e) {
            // the parser's message quotes the answer, which is upstream text (and may hold a token): never passed on
            throw new UpstreamTransientException("token response is not JSON (cut off, or not a token endpoint)");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
