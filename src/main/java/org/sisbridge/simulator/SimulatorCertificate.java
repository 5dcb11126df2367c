package org.sisbridge.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate made when an HTTPS simulator starts, for localhost, the
 * loopback addresses and the address it binds. Nothing is kept: a new key every start, so the
 * trust store written for the agent belongs to that run only.
 */
final class SimulatorCertificate {

    private static final String ALIAS = "sisbridge-upstream-simulator";

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private SimulatorCertificate(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    static SimulatorCertificate generate(String bindAddress) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keyPair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=sisbridge upstream simulator");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(30))), subject, keyPair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names(bindAddress)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
            return new SimulatorCertificate(keyPair, certificate);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the simulator's HTTPS certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralName[] names(String bindAddress) throws IOException {
        List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1")));
        InetAddress bound = InetAddress.getByName(bindAddress);
        if (!bound.isAnyLocalAddress() && !bound.isLoopbackAddress()) {
            names.add(new GeneralName(GeneralName.iPAddress, bound.getHostAddress()));
        }
        return names.toArray(GeneralName[]::new);
    }

    /** The server side: this key and certificate, for an HttpsServer. */
    SSLContext serverContext() {
        try {
            char[] password = new char[0];
            KeyStore keys = keyStore(password);
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up the simulator's TLS: " + e.getMessage(), e);
        }
    }

    /** This key and certificate in a PKCS12 key store, for a server that reads its key from a file (a test's mail server). */
    void writeKeyStore(Path file, char[] password) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore(password).store(out, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the key store " + file + ": " + e.getMessage(), e);
        }
    }

    private KeyStore keyStore(char[] password) throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(ALIAS, keyPair.getPrivate(), password, new Certificate[] {certificate});
        return keys;
    }

    /**
     * Writes a PKCS12 trust store holding this certificate, and beside it ({@code <name>.password})
     * a random password readable by the owner only, which the agent reads from that file.
     */
    SimulatorTrustStore writeTrustStore(Path file) throws IOException {
        Path trustStore = file.toAbsolutePath();
        Files.createDirectories(trustStore.getParent());
        Path passwordFile = trustStore.resolveSibling(trustStore.getFileName() + ".password");
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.deleteIfExists(passwordFile);
        if (passwordFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(passwordFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(ALIAS, certificate);
            store.store(out, password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the trust store " + trustStore + ": " + e.getMessage(), e);
        }
        return new SimulatorTrustStore(trustStore, passwordFile);
    }
}
