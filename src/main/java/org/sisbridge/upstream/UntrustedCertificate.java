package org.sisbridge.upstream;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Recognises a failed HTTPS call whose cause is the upstream's certificate (not trusted, or not
 * for that host) and says what to set. Retrying cannot cure it: a person has to configure trust.
 */
public final class UntrustedCertificate {

    private UntrustedCertificate() {
    }

    /** @return a sentence for the log when {@code failure} is a certificate problem, else empty */
    public static Optional<String> explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
                    || t instanceof CertificateException || t instanceof SSLPeerUnverifiedException) {
                return Optional.of("the upstream's TLS certificate is not trusted (" + t.getMessage() + "): set"
                        + " sisbridge.upstream.trust-store to a trust store that holds the upstream's CA certificate,"
                        + " and check that the certificate names the host of sisbridge.upstream.base-url");
            }
        }
        return Optional.empty();
    }
}
