package org.sisbridge.simulator;

import java.nio.file.Path;

/**
 * A trust store an HTTPS simulator wrote for the agent: the PKCS12 file for
 * {@code sisbridge.upstream.trust-store} and the file holding its password, for
 * {@code sisbridge.upstream.trust-store-password-file}.
 */
public record SimulatorTrustStore(Path trustStore, Path passwordFile) { }
