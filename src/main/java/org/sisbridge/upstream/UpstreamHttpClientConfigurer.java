package org.sisbridge.upstream;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.routing.SystemDefaultRoutePlanner;

/**
 * The flows' Apache HttpClient (camel-http, which ignores the JVM's proxy settings): no automatic
 * retries ({@link NoAutomaticRetries}), and the college's proxy with its credentials and non-proxy
 * hosts, the same {@link UpstreamProxy} the token request, readiness and check use.
 */
public class UpstreamHttpClientConfigurer extends NoAutomaticRetries implements HttpClientConfigurer {

    private final UpstreamProxy proxy;

    public UpstreamHttpClientConfigurer(UpstreamProxy proxy) {
        this.proxy = proxy;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        super.configureHttpClient(clientBuilder);
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
