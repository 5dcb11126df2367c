package org.sisbridge.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh staging database that the agent reaches only through a {@link FreezableTcpProxy}, for
 * database fault injection: PostgreSQL and MariaDB are the real servers, H2 runs as a TCP server of
 * its own (its client has no read timeout). {@link #direct} bypasses the relay, so a test can look
 * at the data while the agent's connections hang.
 */
public final class RelayedDatabase implements AutoCloseable {

    public final TestDatabase direct;
    public final TestDatabase relayed;
    public final FreezableTcpProxy proxy;
    private final org.h2.tools.Server h2Server;

    private RelayedDatabase(TestDatabase direct, TestDatabase relayed, FreezableTcpProxy proxy, org.h2.tools.Server h2Server) {
        this.direct = direct;
        this.relayed = relayed;
        this.proxy = proxy;
        this.h2Server = h2Server;
    }

    /**
     * @param readTimeout whether the agent's JDBC URL sets the driver's read timeout (2 s); H2's
     *                    client has none, so such a test is skipped on H2
     */
    public static RelayedDatabase create(DatabaseKind kind, String label, boolean readTimeout) throws IOException, SQLException {
        if (kind == DatabaseKind.H2) {
            Assumptions.assumeFalse(readTimeout, "H2's client has no read timeout");
            Path dir = Path.of(System.getProperty("sisbridge.home", ".")).resolve("target/test-db-server").toAbsolutePath();
            org.h2.tools.Server server = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifNotExists",
                    "-baseDir", dir.toString()).start();
            String name = label + "-" + UUID.randomUUID().toString().substring(0, 8);
            FreezableTcpProxy proxy = FreezableTcpProxy.to("127.0.0.1", server.getPort());
            return new RelayedDatabase(
                    new TestDatabase("H2 (TCP server)", "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/" + name, "sa", ""),
                    new TestDatabase("H2 (TCP server) through a relay", "jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/" + name,
                            "sa", ""),
                    proxy, server);
        }
        TestDatabase real = TestDatabases.create(kind, label);
        URI server = URI.create(real.jdbcUrl().substring("jdbc:".length()));
        FreezableTcpProxy proxy = FreezableTcpProxy.to(server.getHost(), server.getPort());
        String timeout = !readTimeout ? "" : kind == DatabaseKind.POSTGRESQL ? "?socketTimeout=2" : "?socketTimeout=2000";
        return new RelayedDatabase(real, new TestDatabase(real.name() + " through a relay",
                "jdbc:" + server.getScheme() + "://127.0.0.1:" + proxy.port() + server.getPath() + timeout,
                real.user(), real.password()), proxy, null);
    }

    @Override
    public void close() throws IOException {
        proxy.close();
        if (h2Server != null) {
            h2Server.stop();
        }
    }
}
