package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;
import org.sisbridge.watch.FlowMetrics;
import org.slf4j.LoggerFactory;

/**
 * A settled batch's notes (results upstream sent that could not be stored, say) are a WARN line each and a note in
 * the batch row. The lines were logged inside the settlement's transaction: when its commit failed (the database
 * gone at that moment), the log told of notes no batch row kept, and the settlement on the next poll told them again.
 */
class RosterNoteLinesAfterCommitTest {

    @Test
    void aSettlementWhoseCommitFailsLogsNoNoteAndTheOneThatCommitsLogsEachOnce() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.invalidBulkResult = true; // one result a job upstream's own data dictionary refuses: a note per batch
        TestDatabase database = TestDatabases.create(DatabaseKind.H2, "roster-note-lines");
        AtomicInteger commitsToRefuse = new AtomicInteger(1);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger writerLog = (Logger) LoggerFactory.getLogger(RosterResultWriter.class);
        logs.start();
        writerLog.addAppender(logs);
        try (AgentFixture fixture = RosterFixtures.agent(settings, database)) {
            Clock clock = Clock.systemUTC();
            fixture.start(agent -> agent.bean("rosterResultWriter", new RosterResultWriter(
                    firstCommitsRefused(database.dataSource(), commitsToRefuse), new CccidRequestTable("cccid_request"),
                    new CccidBatchTable("cccid_batch"), new CccidResultTable("cccid_result"), 3,
                    new FlowMetrics(new SimpleMeterRegistry(), clock), clock, new FlowActivity(clock))));
            RosterCase roster = RosterCase.mixed(fixture.simulator.accounts().population(), 10);
            Outbox.queue(database, "111", roster.students());
            RosterFixtures.awaitSettled(fixture, Duration.ofSeconds(40));

            assertThat(commitsToRefuse.get()).as("the first settlement's commit was refused").isNegative();
            long jobs = fixture.simulator.bulkJobs().created();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM cccid_batch WHERE last_error LIKE '%UPSTREAM_RESULT_INVALID%'"))
                    .isEqualTo(jobs);
            assertThat(logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> line.contains("could not be stored (UPSTREAM_RESULT_INVALID)")))
                    .as("one line per note kept").hasSize((int) jobs);
        } finally {
            writerLog.detachAppender(logs);
        }
    }

    /** The staging database, whose first {@code refused} commits fail as a commit does when the server is gone. */
    private static DataSource firstCommitsRefused(DataSource real, AtomicInteger refused) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (source, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (c, m, a) -> {
                                if (m.getName().equals("commit") && refused.getAndDecrement() > 0) {
                                    throw new SQLException("commit refused (the test's database is gone)");
                                }
                                return invoke(connection, m, a);
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
