package org.sisbridge.upstream;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;

/**
 * The flows' Apache HttpClient (camel-http, which ignores the JVM's proxy settings): no automatic
 * retries ({@link NoAutomaticRetries}), every exchange where the call guard can end it while it waits
 * for headers ({@link HttpExchangesInFlight}), and the college's proxy with its credentials and
 * non-proxy hosts, the same {@link UpstreamProxy} the token request, readiness and check use.
 */
public class UpstreamHttpClientConfigurer extends NoAutomaticRetries implements HttpClientConfigurer {

    private final UpstreamProxy proxy;
    private final HttpExchangesInFlight inFlight;

    /** @param inFlight where each exchange waits for its headers, for the call guard to end at the deadline */
    public UpstreamHttpClientConfigurer(UpstreamProxy proxy, HttpExchangesInFlight inFlight) {
        this.proxy = proxy;
        this.inFlight = inFlight;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        super.configureHttpClient(clientBuilder);
        // first in the chain: it spans the connection, the request and the headers of every exchange
        clientBuilder.addExecInterceptorFirst("sisbridge-call-deadline", inFlight);
        if (!proxy.configured()) {
            return;
        }
        // the route planner asks the proxy's selector per target, so the non-proxy hosts go direct
        clientBuilder.setRoutePlanner(new SystemDefaultRoutePlanner(proxy.selector()));
        if (proxy.authenticated()) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            credentials.setCredentials(new AuthScope(proxy.host(), proxy.port()),
                    new UsernamePasswordCredentials(proxy.username(), proxy.password().toCharArray()));
            clientBuilder.setDefaultCredentialsProvider(credentials);
        }
    }
}
