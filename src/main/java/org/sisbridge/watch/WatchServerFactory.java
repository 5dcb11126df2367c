package org.sisbridge.watch;

import io.vertx.core.Vertx;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.HttpServerConfigurationProperties;
import org.sisbridge.config.ExposureRules;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staging.SecretSource;

/**
 * Camel's own embedded servers (camel.server.* and camel.management.*), built by Camel's default
 * factory, with the agent's access rule: bound beyond this machine, start-up fails unless a token is
 * set (sisbridge.watch.token-env / token-file); with a token, the bearer check is installed through
 * the servers' authentication configuration before they listen, first on every path, so no request
 * is served unchecked, not even during start-up. Before the token, {@link HostHeaderCheck} turns away a
 * request for a host name that is not this endpoint's (DNS rebinding). camel-main takes this factory from the registry
 * (bound by SisbridgeAgent) before its default one, and asks for it only when the endpoint is on.
 */
public class WatchServerFactory extends DefaultMainHttpServerFactory {

    private final SecretSource secrets;

    public WatchServerFactory(SecretSource secrets) {
        this.secrets = secrets;
    }

    @Override
    public Service newHttpServer(CamelContext camelContext, HttpServerConfigurationProperties configuration) {
        MainHttpServer server = (MainHttpServer) super.newHttpServer(camelContext, configuration);
        guard(camelContext, configuration.getHost(), server.getConfiguration());
        return server;
    }

    @Override
    public Service newHttpManagementServer(CamelContext camelContext, HttpManagementServerConfigurationProperties configuration) {
        ManagementHttpServer server = (ManagementHttpServer) super.newHttpManagementServer(camelContext, configuration);
        // used only when it listens on a port of its own; on the shared port the guarded server above serves it
        guard(camelContext, configuration.getHost(), server.getConfiguration());
        return server;
    }

    private void guard(CamelContext camelContext, String host, VertxPlatformHttpServerConfiguration configuration) {
        AgentProperties config = new AgentProperties(camelContext.getPropertiesComponent());
        String token = secrets.read(config.textOrEmpty("sisbridge.watch.token-env"), config.textOrEmpty("sisbridge.watch.token-file"));
        if (token.isEmpty() && !isLoopback(host)) {
            // the configuration check refuses this first; here too it is a configuration error (exit 2), never a crash
            throw new InvalidConfigurationException(List.of(ExposureRules.noToken(host)));
        }
        AuthenticationConfig auth = configuration.getAuthenticationConfig();
        if (!token.isEmpty()) {
            auth.getEntries().add(0, entry(new BearerTokenCheck(token)));
        }
        // first of all, with or without a token: a request for another host name is not ours to answer
        auth.getEntries().add(0, entry(HostHeaderCheck.forBinding(host,
                List.of(config.textOrEmpty("sisbridge.watch.allowed-hosts").split(",")))));
        auth.setEnabled(true);
    }

    /** An entry on every path whose handler is this check; there is no Vert.x user store behind it. */
    private static AuthenticationConfig.AuthenticationConfigEntry entry(AuthenticationHandler check) {
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory((Vertx vertx) -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T provider) {
                return check;
            }
        });
        return entry;
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new InvalidConfigurationException(List.of("sisbridge.watch.host: '" + host
                    + "' is not a known host name or address"));
        }
    }
}
