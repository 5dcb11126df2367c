package org.sisbridge.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.testsupport.PlainCamelContexts;

/**
 * With MariaDB frozen, the pool's own timeout was shown as "SQLState 42000" (HikariCP passes on the
 * state of the last failed connect, which MariaDB's driver gave as a syntax or access error): a reader
 * would look for a grant or a typo. The line now says the pool gave no connection in time, and why the
 * last connect failed.
 */
class PoolTimeoutLineTest {

    @Test
    void thePoolsTimeoutIsSaidAsSuchNotAsTheSqlStateItCarries() throws Exception {
        FlowActivity activity = new FlowActivity(Clock.systemUTC());
        StagingSettings staging = new StagingSettings("jdbc:mariadb://127.0.0.1:3306/sis", "auto", "root", "", 8, 30_000,
                true, 1000, "sisbridge_reject", "sisbridge_checkpoint", "sisbridge_flow_run");
        PollFailureRecorder recorder = new PollFailureRecorder(activity, staging, () -> null);
        try (DefaultCamelContext context = PlainCamelContexts.asTheAgentRunsIt(new DefaultCamelContext())) {
            context.start();
            Exchange exchange = new DefaultExchange(context);
            exchange.setProperty("flow", "idme-events");
            exchange.setProperty("misCode", "111");
            SQLException connect = new SQLException("Socket error", "08000", new SocketTimeoutException("Read timed out"));
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new SQLTransientConnectionException(
                    "sisbridge-staging - Connection is not available, request timed out after 30001ms.", "42000", connect));

            recorder.record(exchange);

            assertThat(activity.lastFailure("idme-events", "111"))
                    .startsWith("the staging database jdbc:mariadb://127.0.0.1:3306/sis")
                    .contains("gave no connection within 30000 ms (sisbridge.staging.connection-timeout-ms)",
                            "last connect failure: SQLException: Socket error")
                    .doesNotContain("42000");
        }
    }
}
