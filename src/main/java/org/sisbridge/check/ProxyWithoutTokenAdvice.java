package org.sisbridge.check;

import java.util.Map;
import java.util.Optional;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staging.SecretSource;

/**
 * A reverse proxy named in sisbridge.watch.trusted-proxies while the management endpoint has no token: the
 * endpoint then answers its status page, status.json and /observe/* to this machine's users only, and a client
 * the proxy forwards from the network gets 403 there (the staff pages, with their own login, still work through
 * it). Likely what the proxy was put there for, so said at start and by {@code check}, with the key that opens
 * them.
 */
public final class ProxyWithoutTokenAdvice {

    private ProxyWithoutTokenAdvice() {
    }

    public static Optional<String> of(AgentProperties config, Map<String, String> environment) {
        if (config.textOrEmpty("sisbridge.watch.trusted-proxies").isBlank()
                || !"true".equalsIgnoreCase(config.textOrEmpty("sisbridge.watch.enabled").trim())) {
            return Optional.empty();
        }
        try {
            String token = new SecretSource(environment).read(config.textOrEmpty("sisbridge.watch.token-env"),
                    config.textOrEmpty("sisbridge.watch.token-file"));
            if (!token.isEmpty()) {
                return Optional.empty();
            }
        } catch (InvalidConfigurationException unreadable) {
            return Optional.empty(); // an unreadable token file is its own error, said where secrets are checked
        }
        return Optional.of("sisbridge.watch.trusted-proxies is set but the management endpoint has no token: its status"
                + " page, status.json and /observe/* answer only on this machine, and a client the proxy forwards from the"
                + " network gets 403 there (the staff pages work through it). To open them through the proxy, set a token"
                + " in the environment variable named by sisbridge.watch.token-env or in sisbridge.watch.token-file.");
    }
}
