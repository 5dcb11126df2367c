package org.sisbridge.upstream;

import java.time.Duration;
import org.sisbridge.runtime.AgentProperties;

/**
 * What bounds every upstream answer (keys {@code sisbridge.upstream.max-response-bytes} and
 * {@code sisbridge.upstream.call-timeout-ms}): the bytes it may carry and the total time one call
 * may take, token to last byte. A per-read timeout alone lets an answer that trickles run forever.
 */
public record UpstreamLimits(long maxResponseBytes, Duration callTimeout) {

    /** The defaults of config/application.properties, for callers without a configuration (tests, tools). */
    public static final UpstreamLimits DEFAULTS = new UpstreamLimits(16L * 1024 * 1024, Duration.ofSeconds(60));

    public UpstreamLimits {
        if (maxResponseBytes < 1 || callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("upstream limits must be positive");
        }
    }

    public static UpstreamLimits from(AgentProperties config) {
        return new UpstreamLimits(config.integer("sisbridge.upstream.max-response-bytes"),
                Duration.ofMillis(config.integer("sisbridge.upstream.call-timeout-ms")));
    }
}
