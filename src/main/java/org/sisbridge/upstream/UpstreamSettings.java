package org.sisbridge.upstream;

import java.net.URI;
import java.util.List;
import org.sisbridge.config.InvalidConfigurationException;

/**
 * How to reach and authenticate to the upstream API (keys {@code sisbridge.upstream.*}).
 *
 * @param tokenUrl the OAuth2 token endpoint; null = the base URL + /oauth2/token (identity providers
 *                 such as Keycloak or Entra put it elsewhere)
 */
public record UpstreamSettings(URI baseUrl, String clientId, String clientSecret, String scope,
                               int tokenRefreshMarginSeconds, int connectTimeoutMs, int responseTimeoutMs,
                               int maxRetryAfterSeconds, URI tokenUrl) {

    public UpstreamSettings {
        if (tokenUrl == null) {
            tokenUrl = baseUrl.resolve("/oauth2/token");
        }
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("sisbridge.upstream.base-url must be an http or https URL, was " + baseUrl);
        }
        if (clientSecret == null || clientSecret.isEmpty()) {
            // a site's first start often lacks it: refused like any other configuration error (exit 2, no stack trace)
            throw new InvalidConfigurationException(List.of("the upstream client secret is not set: put it in the environment"
                    + " variable named by sisbridge.upstream.client-secret-env, or in the file named by"
                    + " sisbridge.upstream.client-secret-file"));
        }
    }
}
