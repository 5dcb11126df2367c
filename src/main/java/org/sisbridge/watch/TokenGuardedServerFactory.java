package org.sisbridge.watch;

import io.vertx.core.Vertx;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;

/**
 * Camel's own embedded servers (camel.server.* and camel.management.*), with the bearer token check
 * installed through their authentication configuration before they listen: it runs first on every
 * path, so no request is served unchecked, not even during start-up. camel-main takes this factory
 * from the registry instead of its default one.
 */
public class TokenGuardedServerFactory extends DefaultMainHttpServerFactory {

    private final BearerTokenCheck check;

    public TokenGuardedServerFactory(BearerTokenCheck check) {
        this.check = check;
    }

    @Override
    public Service newHttpServer(CamelContext camelContext, HttpServerConfigurationProperties configuration) {
        MainHttpServer server = (MainHttpServer) super.newHttpServer(camelContext, configuration);
        guard(server.getConfiguration());
        return server;
    }

    @Override
    public Service newHttpManagementServer(CamelContext camelContext, HttpManagementServerConfigurationProperties configuration) {
        ManagementHttpServer server = (ManagementHttpServer) super.newHttpManagementServer(camelContext, configuration);
        // used only when it listens on a port of its own; on the shared port the guarded server above serves it
        guard(server.getConfiguration());
        return server;
    }

    private void guard(VertxPlatformHttpServerConfiguration configuration) {
        AuthenticationConfig auth = configuration.getAuthenticationConfig();
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath("/*");
        // the token is the only credential: there is no Vert.x user store behind it
        entry.setAuthenticationProviderFactory((Vertx vertx) -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T provider) {
                return check;
            }
        });
        auth.getEntries().add(0, entry);
        auth.setEnabled(true);
    }
}
