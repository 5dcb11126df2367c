package org.sisbridge.upstream;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Turns off Apache HttpClient's own retries (it silently re-sends on 429, 503 and some I/O errors).
 * Retrying is the route's error policy, in one place, with its backoff, limits and log lines.
 */
public class NoAutomaticRetries implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        clientBuilder.disableAutomaticRetries();
    }
}
