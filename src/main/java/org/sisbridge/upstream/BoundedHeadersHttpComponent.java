package org.sisbridge.upstream;

import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.socket.ConnectionSocketFactory;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.config.Registry;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;

/**
 * camel-http's component (bound as "http" and "https") whose connections refuse answer headers past a
 * bound. Apache HttpClient's defaults take header lines of any length and any number of them: an answer
 * that sent its headers without end filled the heap in under a second (a 64 MB heap, measured), and the
 * agent exits on OutOfMemoryError. The bounds are sisbridge.upstream.max-header-line-chars and
 * max-header-count; past them the exchange fails at once, and {@link HttpExchangesInFlight} turns that
 * into one line naming the keys. Everything else is Camel's own connection manager.
 */
public class BoundedHeadersHttpComponent extends HttpComponent {

    private final Http1Config http1;

    public BoundedHeadersHttpComponent(int maxHeaderLineChars, int maxHeaderCount) {
        this.http1 = Http1Config.custom().setMaxLineLength(maxHeaderLineChars).setMaxHeaderCount(maxHeaderCount).build();
    }

    /** As HttpComponent's own (camel-http 4.18), with the bounded connection factory where it passes none. */
    @Override
    protected HttpClientConnectionManager createConnectionManager(Registry<ConnectionSocketFactory> registry,
            int maxTotalConnections, int connectionsPerRoute, SocketConfig defaultSocketConfig) {
        PoolingHttpClientConnectionManager answer = new PoolingHttpClientConnectionManager(registry, PoolConcurrencyPolicy.STRICT,
                TimeValue.ofMilliseconds(getConnectionTimeToLive()), ManagedHttpClientConnectionFactory.builder().http1Config(http1).build());
        int maxTotal = maxTotalConnections != 0 ? maxTotalConnections : getMaxTotalConnections();
        if (maxTotal > 0) {
            answer.setMaxTotal(maxTotal);
        }
        answer.setDefaultSocketConfig(defaultSocketConfig);
        int perRoute = connectionsPerRoute != 0 ? connectionsPerRoute : getConnectionsPerRoute();
        if (perRoute > 0) {
            answer.setDefaultMaxPerRoute(perRoute);
        }
        return answer;
    }
}
