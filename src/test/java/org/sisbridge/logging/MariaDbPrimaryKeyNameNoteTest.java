package org.sisbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.sisbridge.staging.StagingDatabase;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;
import org.slf4j.LoggerFactory;

/**
 * Creating the staging tables on MariaDB logged "Name 'pk_…' ignored for PRIMARY key" once per table
 * (issue 14, section 7). Now that note is dropped, and only that note: any other database warning
 * Flyway passes on still reaches the log.
 */
class MariaDbPrimaryKeyNameNoteTest {

    private static ListAppender<ILoggingEvent> listen() {
        Logger flyway = (Logger) LoggerFactory.getLogger(MariaDbPrimaryKeyNameNote.FLYWAY_SCRIPT_LOGGER);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        appender.start();
        flyway.addAppender(appender);
        return appender;
    }

    @Test
    void creatingTheStagingTablesOnMariaDbLogsNoPrimaryKeyNameNote() {
        TestDatabase database = TestDatabases.create(DatabaseKind.MARIADB, "pk-note");
        ListAppender<ILoggingEvent> appender = listen();
        try {
            StagingSchemaMigrator.migrate(database.dataSource(), StagingDatabase.MARIADB);
            assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                    .noneMatch(m -> m.contains("ignored for PRIMARY key"));
        } finally {
            ((Logger) LoggerFactory.getLogger(MariaDbPrimaryKeyNameNote.FLYWAY_SCRIPT_LOGGER)).detachAppender(appender);
        }
    }

    @Test
    void everyOtherDatabaseWarningStillReachesTheLog() {
        ListAppender<ILoggingEvent> appender = listen();
        try {
            org.slf4j.Logger flyway = LoggerFactory.getLogger(MariaDbPrimaryKeyNameNote.FLYWAY_SCRIPT_LOGGER);
            flyway.warn("DB: Name 'pk_idme_status_event' ignored for PRIMARY key. (SQL State:  - Error Code: 1280)");
            flyway.warn("DB: Data truncated for column 'mis_code' at row 1 (SQL State: 01000 - Error Code: 1265)");
            LoggerFactory.getLogger("org.sisbridge.unrelated").warn("DB: Name 'x' ignored for PRIMARY key. (SQL State:  - Error Code: 1280)");

            assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly("DB: Data truncated for column 'mis_code' at row 1 (SQL State: 01000 - Error Code: 1265)");
        } finally {
            ((Logger) LoggerFactory.getLogger(MariaDbPrimaryKeyNameNote.FLYWAY_SCRIPT_LOGGER)).detachAppender(appender);
        }
    }
}
