package org.sisbridge.upstream;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an upstream HTTP answer into the outcome the error policy (routes/upstream-errors.yaml)
 * acts on: 2xx passes; 401 invalidates the token and asks for one retry; 429/503 ask for a retry
 * no sooner than Retry-After; other 5xx for a retry with backoff; other 4xx, and a redirect (never
 * followed: {@link UpstreamRedirect}), stop the poll.
 */
public class UpstreamResponseClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamResponseClassifier.class);
    private static final int MAX_ERROR_BODY = 2000;
    /** A Retry-After at least this long gets a line when the wait starts. */
    private static final long LONG_WAIT_MILLIS = 10_000;

    private final UpstreamTokenProvider tokens;
    private final int maxRetryAfterSeconds;
    private final UpstreamText text;

    public UpstreamResponseClassifier(UpstreamTokenProvider tokens, int maxRetryAfterSeconds) {
        this(tokens, maxRetryAfterSeconds, new UpstreamText(UpstreamText.DEFAULT_MAX_CHARS));
    }

    /** @param text how upstream error text is made safe before it reaches a log line or last_failure */
    public UpstreamResponseClassifier(UpstreamTokenProvider tokens, int maxRetryAfterSeconds, UpstreamText text) {
        this.tokens = tokens;
        this.maxRetryAfterSeconds = maxRetryAfterSeconds;
        this.text = text;
    }

    public void classify(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        // a Retry-After from an earlier attempt must not stretch the backoff of this one
        message.removeHeader(Exchange.REDELIVERY_DELAY);
        if (status >= 200 && status < 300) {
            return;
        }
        String what = message.getHeader("upstreamCall", "upstream call", String.class)
                + " answered HTTP " + status + errorSummary(message);
        // the response stream is read and closed: left as the body, Camel's stream caching would read it
        // again on the failure path and fail inside the error handler (two stack traces after the one line)
        message.setBody(null);
        if (status == 401) {
            tokens.invalidate();
            // the policy retries once with a new token; the line must stay true when that retry fails too
            throw new UpstreamAuthExpiredException(what + ": the access token was refused (expired or revoked)");
        }
        if (status == 429 || status == 503) {
            RetryAfter.parse(message.getHeader("Retry-After", String.class), ZonedDateTime.now(ZoneOffset.UTC))
                    .map(wait -> Math.min(wait.toMillis(), Duration.ofSeconds(maxRetryAfterSeconds).toMillis()))
                    .ifPresent(millis -> {
                        message.setHeader(Exchange.REDELIVERY_DELAY, millis);
                        if (millis >= LONG_WAIT_MILLIS) {
                            // the retry's own line comes only after the wait: without this one, minutes of silence
                            LOG.info("{}; waiting {} s as its Retry-After asks, until {} UTC, before trying again", what,
                                    millis / 1000, LocalTime.now(ZoneOffset.UTC).plusNanos(millis * 1_000_000).withNano(0));
                        }
                    });
            throw new UpstreamTransientException(what);
        }
        if (status >= 500) {
            throw new UpstreamTransientException(what);
        }
        if (UpstreamRedirect.is(status)) {
            throw new UpstreamPermanentException(what + UpstreamRedirect.explain(message.getHeader("Location", String.class),
                    "sisbridge.upstream.base-url"));
        }
        if (status == 403) {
            throw new UpstreamPermanentException(what + ": this client is not allowed to act for that MIS code;"
                    + " ask the upstream provider to authorize it, or remove the MIS code from sisbridge.mis-codes");
        }
        throw new UpstreamPermanentException(what + ": the request was refused and will not be retried");
    }

    /**
     * The contract's error body code and message, which should be about the request, not about
     * students; as upstream text they go out only through {@link UpstreamText} (masked, escaped, capped).
     */
    private String errorSummary(Message message) {
        try (InputStream body = message.getBody(InputStream.class)) {
            if (body == null) {
                return "";
            }
            String raw = new String(body.readNBytes(MAX_ERROR_BODY), StandardCharsets.UTF_8);
            com.fasterxml.jackson.databind.JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(raw).path("error");
            if (error.isMissingNode()) {
                return "";
            }
            return " (" + text.summary(error.path("code").asText(""), error.path("message").asText("")) + ")";
        } catch (Exception unreadable) {
            return "";
        }
    }
}
