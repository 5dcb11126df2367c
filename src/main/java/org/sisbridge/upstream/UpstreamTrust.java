package org.sisbridge.upstream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.sisbridge.config.InvalidConfigurationException;

/**
 * Which certificates the agent trusts when it calls the upstream over HTTPS (keys
 * {@code sisbridge.upstream.trust-store*}). One set of Camel {@link SSLContextParameters} serves
 * both clients: the Camel HTTP component takes it as is, and the token provider's JDK HttpClient
 * gets the SSLContext built from it, so the two can never trust different things.
 */
public final class UpstreamTrust {

    private UpstreamTrust() {
    }

    /**
     * @param trustStore path of the trust store; empty = the JVM's default trust (its cacerts)
     * @param password   its password; empty = none
     */
    public static SSLContextParameters parameters(String trustStore, String type, String password) {
        return parameters("sisbridge.upstream.trust-store", trustStore, type, password);
    }

    /**
     * The same for another client's trust store key (the e-mail servers' sisbridge.mail.trust-store).
     *
     * @param key the key that named the trust store, for the refusal's message
     */
    public static SSLContextParameters parameters(String key, String trustStore, String type, String password) {
        SSLContextParameters parameters = new SSLContextParameters();
        if (trustStore.isEmpty()) {
            return parameters;
        }
        Path file = Path.of(trustStore).toAbsolutePath();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidConfigurationException(List.of(key + " names " + file
                    + ", which is not a readable file (leave the key empty to use the JVM's default trust)"));
        }
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + file);
        store.setType(type);
        store.setPassword(password.isEmpty() ? null : password);
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store);
        parameters.setTrustManagers(trust);
        return parameters;
    }

    /**
     * A plain JSSE SSLContext with the trust managers of these parameters; a trust store that does not
     * open stops start-up with its key named. Not Camel's own {@code createSSLContext}: its context
     * keeps a reference to the CamelContext, and a JDK HttpClient keeps its SSLContext for as long as
     * its selector thread runs, so every agent ever started in the JVM would stay in memory.
     */
    public static SSLContext sslContext(SSLContextParameters parameters, CamelContext camel) {
        try {
            TrustManager[] trust = null;
            TrustManagersParameters trustParameters = parameters.getTrustManagers();
            if (trustParameters != null) {
                trustParameters.setCamelContext(camel);
                trustParameters.getKeyStore().setCamelContext(camel);
                trust = trustParameters.createTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new InvalidConfigurationException(List.of("cannot load the upstream trust store (sisbridge.upstream.trust-store,"
                    + " its -type and its password from sisbridge.upstream.trust-store-password-env or -file): " + e.getMessage()));
        }
    }
}
