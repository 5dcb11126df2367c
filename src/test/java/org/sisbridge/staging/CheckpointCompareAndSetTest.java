package org.sisbridge.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The checkpoint moves only from the cursor the caller read: a stale expectation (a page whose
 * predecessor did not commit, a second first page) fails and writes nothing, on every database.
 */
class CheckpointCompareAndSetTest {

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void theCheckpointMovesOnlyFromTheCursorThePageWasFetchedWith(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "checkpoint-cas");
        DataSource dataSource = database.dataSource();
        StagingSchemaMigrator.migrate(dataSource, database.kind());
        CheckpointStore store = new CheckpointStore(dataSource, "sisbridge_checkpoint", Clock.systemUTC());

        advance(dataSource, store, null, "c1");
        assertThat(store.load("idme-events", "111")).contains("c1");

        // a second "first page" (someone else inserted meanwhile): refused by the key, nothing written
        assertThatThrownBy(() -> advance(dataSource, store, null, "other")).isInstanceOf(CheckpointMovedException.class);
        assertThat(store.load("idme-events", "111")).contains("c1");

        advance(dataSource, store, "c1", "c2");
        assertThat(store.load("idme-events", "111")).contains("c2");

        // the page after a page that never committed: it was fetched from c3, the checkpoint is at c2
        assertThatThrownBy(() -> advance(dataSource, store, "c3", "c4"))
                .isInstanceOf(CheckpointMovedException.class)
                .hasMessageContaining("no longer 'c3'");
        assertThat(store.load("idme-events", "111")).contains("c2");

        // the same page committed twice (a late retry): the second finds the cursor already moved on
        advance(dataSource, store, "c2", "c3");
        assertThatThrownBy(() -> advance(dataSource, store, "c2", "c3")).isInstanceOf(CheckpointMovedException.class);
        assertThat(store.load("idme-events", "111")).contains("c3");

        // an empty page at the end of the feed keeps its cursor: that is a move to the same value
        advance(dataSource, store, "c3", "c3");
        assertThat(store.load("idme-events", "111")).contains("c3");
        // another scope has its own checkpoint
        assertThat(store.load("idme-events", "222")).isEmpty();
    }

    /** One transaction, as the page writer runs it: rolled back when the compare-and-set fails. */
    private static void advance(DataSource dataSource, CheckpointStore store, String expected, String next) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                store.advance(connection, "idme-events", "111", expected, next);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
