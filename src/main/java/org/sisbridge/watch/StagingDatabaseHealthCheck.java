package org.sisbridge.watch;

import java.sql.Connection;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the staging database answers. Borrows a pooled connection and asks the driver whether
 * it is still valid, so it fails when the server is down, refuses connections or the pool is broken.
 * An unreachable database makes it wait at most sisbridge.staging.connection-timeout-ms (the pool's wait).
 */
public class StagingDatabaseHealthCheck extends AbstractHealthCheck {

    private static final int VALID_TIMEOUT_SECONDS = 3;

    private final DataSource dataSource;

    public StagingDatabaseHealthCheck(DataSource dataSource) {
        super("sisbridge", "staging-database");
        this.dataSource = dataSource;
    }

    @Override
    public boolean isLiveness() {
        // a database outage makes the agent not ready, it does not make a restart useful
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(VALID_TIMEOUT_SECONDS)) {
                builder.up();
            } else {
                builder.down().message("the staging database did not answer within " + VALID_TIMEOUT_SECONDS + " s");
            }
        } catch (Exception e) {
            builder.down().message("the staging database is not reachable: " + e.getMessage());
        }
    }
}
