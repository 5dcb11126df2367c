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
import org.sisbridge.staff.login.StaffLogin;

/**
 * Camel's own embedded servers (camel.server.* and camel.management.*), built by Camel's default
 * factory, with the agent's access rule: bound beyond this machine, start-up fails unless a token is
 * set (sisbridge.watch.token-env / token-file); with a token, the bearer check is installed through
 * the servers' authentication configuration before they listen, first on every path, so no request
 * is served unchecked, not even during start-up. Before the token, {@link HostHeaderCheck} turns away a
 * request for a host name that is not this endpoint's (DNS rebinding). With the staff pages on, /staff asks
 * for a staff login instead of the token (StaffAccessCheck), and beyond loopback the endpoint must serve
 * TLS from a key store (ManagementTls). camel-main takes this factory from the registry
 * (bound by SisbridgeAgent) before its default one, and asks for it only when the endpoint is on.
 */
public class WatchServerFactory extends DefaultMainHttpServerFactory {

    /** The registry's name of the staff login, bound while the endpoint and the staff pages are on. */
    static final String STAFF_LOGIN = "staffLogin";

    private final SecretSource secrets;
    /** One set of staff sessions for both servers (they share the port unless configured apart). */
    private StaffLogin staffLogin;

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
        boolean staffPages = config.flag("sisbridge.watch.staff-pages-enabled");
        org.apache.camel.support.jsse.SSLContextParameters tls = ManagementTls.fromConfig(config, secrets);
        if (staffPages && tls == null && !isLoopback(host)) {
            throw new InvalidConfigurationException(List.of(ExposureRules.noKeyStore(host)));
        }
        if (tls != null) {
            configuration.setSslContextParameters(tls);
        }
        AuthenticationConfig auth = configuration.getAuthenticationConfig();
        // checked by the configuration check already (exit 2 on a malformed entry)
        TrustedProxies proxies = TrustedProxies.parse(config.textOrEmpty("sisbridge.watch.trusted-proxies"));
        AuthenticationHandler tokenCheck = token.isEmpty() ? null : new BearerTokenCheck(token);
        if (tokenCheck == null && !proxies.isEmpty()) {
            // no token is allowed on loopback only, for this machine's users; a proxy here brings in the network
            tokenCheck = new ThisMachineOnlyCheck(proxies);
        }
        if (staffPages) {
            // /staff asks for a staff login (even on loopback); every other path keeps the token check as it was
            auth.getEntries().add(0, entry(staffLogin(config, camelContext).check(tokenCheck, proxies)));
        } else if (tokenCheck != null) {
            auth.getEntries().add(0, entry(tokenCheck));
        }
        // first of all, with or without a token: a request for another host name is not ours to answer
        auth.getEntries().add(0, entry(HostHeaderCheck.forBinding(host,
                List.of(config.textOrEmpty("sisbridge.watch.allowed-hosts").split(",")), proxies)));
        auth.setEnabled(true);
    }

    private synchronized StaffLogin staffLogin(AgentProperties config, CamelContext camelContext) {
        if (staffLogin == null) {
            staffLogin = shared(camelContext, config);
        }
        return staffLogin;
    }

    /**
     * The one staff login of this agent (users file, sessions, throttle), made by whichever asks first: the servers here,
     * or WatchBeans for the status page, which shows the logins its throttle keeps waiting.
     */
    static StaffLogin shared(CamelContext camelContext, AgentProperties config) {
        org.apache.camel.spi.Registry registry = camelContext.getRegistry();
        synchronized (registry) {
            StaffLogin login = registry.lookupByNameAndType(STAFF_LOGIN, StaffLogin.class);
            if (login == null) {
                java.time.Clock clock = registry.lookupByNameAndType("clock", java.time.Clock.class);
                login = StaffLogin.fromConfig(config, clock == null ? java.time.Clock.systemUTC() : clock);
                registry.bind(STAFF_LOGIN, login);
            }
            return login;
        }
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
