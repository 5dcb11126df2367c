package org.sisbridge.watch;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staging.SecretSource;

/**
 * TLS of the management endpoint, from a PKCS12 key store (sisbridge.watch.tls.key-store, its password
 * from the environment or a file). The store is opened once here, so a wrong path or password stops
 * start-up with one line (exit 2) instead of a server that fails every handshake.
 */
final class ManagementTls {

    private ManagementTls() {
    }

    /** @return the server's TLS parameters, or null when no key store is set */
    static SSLContextParameters fromConfig(AgentProperties config, SecretSource secrets) {
        String store = config.textOrEmpty("sisbridge.watch.tls.key-store").trim();
        if (store.isEmpty()) {
            return null;
        }
        String password = secrets.read(config.textOrEmpty("sisbridge.watch.tls.key-store-password-env"),
                config.textOrEmpty("sisbridge.watch.tls.key-store-password-file"));
        Path file = Path.of(store);
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore.getInstance("PKCS12").load(in, password.toCharArray());
        } catch (Exception e) {
            throw new InvalidConfigurationException(List.of("sisbridge.watch.tls.key-store: cannot open " + file
                    + " as PKCS12 with the password given (sisbridge.watch.tls.key-store-password-env or -file): " + e.getMessage()));
        }
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource("file:" + file.toAbsolutePath());
        keyStore.setType("PKCS12");
        keyStore.setPassword(password);
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(keyStore);
        keys.setKeyPassword(password);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setKeyManagers(keys);
        return tls;
    }
}
