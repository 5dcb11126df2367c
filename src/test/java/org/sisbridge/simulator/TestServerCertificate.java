package org.sisbridge.simulator;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A certificate for a test's own TLS server (GreenMail's IMAPS) naming localhost and 127.0.0.1,
 * made like the simulator's, so the agent checks chain and host name exactly as in production.
 *
 * @param keyStore   the server's key (PKCS12, password {@link #KEY_STORE_PASSWORD})
 * @param trustStore what the agent's trust-store keys name
 */
public record TestServerCertificate(Path keyStore, SimulatorTrustStore trustStore) {

    public static final String KEY_STORE_PASSWORD = "test-server-key";

    public static TestServerCertificate write(Path folder) throws IOException {
        SimulatorCertificate certificate = SimulatorCertificate.generate("127.0.0.1");
        Path keyStore = folder.resolve("server.p12");
        certificate.writeKeyStore(keyStore, KEY_STORE_PASSWORD.toCharArray());
        return new TestServerCertificate(keyStore, certificate.writeTrustStore(folder.resolve("truststore.p12")));
    }
}
