package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.simulator.EventFeed;
import org.sisbridge.simulator.SimulatedEvent;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.staging.mapping.CanonicalLayout;
import org.sisbridge.staging.mapping.TableMapping;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Insert-if-absent on every database, on both of its paths: redeliveries of what this writer wrote
 * are looked up first (its seen-keys filter; on PostgreSQL they go the temporary-table and ON CONFLICT
 * way), and events written before a restart, which a fresh writer has not seen, make the table refuse
 * the batch (on PostgreSQL its straight COPY) and the page is written again the careful way. The text
 * arrives byte for byte on every path: quotes, commas, line breaks, accents, characters beyond the BMP.
 */
class IdmeEventTableTest {

    private static final LocalDateTime RECEIVED = LocalDateTime.of(2026, 11, 23, 12, 0);
    /** The events table of the generic layout: canonical names, no conversions. */
    private static final TableMapping EVENTS = new TableMapping("idme_status_event", Map.of(), Map.of(),
            CanonicalLayout.tables().get("idme_status_event"));
    private static final StatusTransitionPolicy TRANSITIONS = StatusTransitionPolicy.parse(
            "null>verified,verified>unverified,verified>expired,unverified>verified,unverified>expired");

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void eachEventIsStoredOnceWhateverTheWriterHasSeen(DatabaseKind kind) throws Exception {
        TestDatabase database = migrated(kind, "event-table");
        DataSource dataSource = database.dataSource();
        List<IdmeEvent> events = events(300);
        TableMapping table = EVENTS;

        IdmeEventTable beforeRestart = new IdmeEventTable(table, 100);
        // one key twice in a page: its first copy is stored, once
        List<IdmeEvent> firstPage = new ArrayList<>(events.subList(0, 200));
        firstPage.add(events.get(7));
        assertThat(write(dataSource, beforeRestart, firstPage)).extracting(IdmeEvent::eventId)
                .containsExactlyElementsOf(ids(events.subList(0, 200)));
        // the same writer again: every key is "maybe seen", looked up, and skipped
        assertThat(write(dataSource, beforeRestart, events.subList(100, 250))).extracting(IdmeEvent::eventId)
                .containsExactlyElementsOf(ids(events.subList(200, 250)));

        // a fresh writer (a restart) gets a page of which most was written before: the table refuses
        // the batch, the savepoint undoes it, and only the new events are written
        IdmeEventTable afterRestart = new IdmeEventTable(table, 100);
        assertThat(write(dataSource, afterRestart, events.subList(150, 300))).extracting(IdmeEvent::eventId)
                .containsExactlyElementsOf(ids(events.subList(250, 300)));

        assertThat(database.queries().count("SELECT COUNT(*) FROM idme_status_event")).isEqualTo(300);
        assertThat(database.queries().count("SELECT COUNT(DISTINCT event_id) FROM idme_status_event")).isEqualTo(300);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#withCompatibilityModes")
    void aPageOpeningItsTransactionTakesNoSavepointAndARefusedInsertStillStoresEachEventOnce(DatabaseKind kind)
            throws Exception {
        TestDatabase database = migrated(kind, "event-table-opening");
        DataSource dataSource = database.dataSource();
        List<IdmeEvent> events = events(200);
        TableMapping table = EVENTS;
        write(dataSource, new IdmeEventTable(table, 100), events.subList(0, 120));

        // a fresh writer (a restart): the table refuses the batch, the whole transaction (only the insert)
        // is rolled back, and the page is written again the careful way, in the same commit as what follows
        IdmeEventTable afterRestart = new IdmeEventTable(table, 100);
        List<String> savepoints = new ArrayList<>();
        List<IdmeEvent> stored;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            Connection recorded = recordingSavepoints(connection, savepoints);
            stored = afterRestart.insertNew(recorded, afterRestart.prepare(events.subList(60, 200), RECEIVED)
                    .openingItsTransaction());
            connection.commit();
        }
        assertThat(stored).extracting(IdmeEvent::eventId).containsExactlyElementsOf(ids(events.subList(120, 200)));
        assertThat(savepoints).isEmpty();

        // a page this writer saw but whose transaction rolled back: its keys are "maybe seen", found absent, and
        // written (on PostgreSQL straight by COPY again)
        List<IdmeEvent> more = events(260).subList(200, 260);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            assertThat(afterRestart.insertNew(connection, afterRestart.prepare(more, RECEIVED).openingItsTransaction()))
                    .hasSize(60);
            connection.rollback();
        }
        assertThat(write(dataSource, afterRestart, more)).extracting(IdmeEvent::eventId).containsExactlyElementsOf(ids(more));

        assertThat(database.queries().count("SELECT COUNT(*) FROM idme_status_event")).isEqualTo(260);
        assertThat(database.queries().count("SELECT COUNT(DISTINCT event_id) FROM idme_status_event")).isEqualTo(260);
    }

    /** The connection, with every setSavepoint call noted. */
    private static Connection recordingSavepoints(Connection connection, List<String> savepoints) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if ("setSavepoint".equals(method.getName())) {
                        savepoints.add(method.getName());
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("org.sisbridge.testsupport.TestDatabases#all")
    // on H2, PostgreSQL and MariaDB: Oracle (and H2 in its mode) stores an empty text as NULL by design
    void textArrivesByteForByte(DatabaseKind kind) throws Exception {
        TestDatabase database = migrated(kind, "event-table-text");
        DataSource dataSource = database.dataSource();
        TableMapping table = EVENTS;
        List<String> texts = List.of("plain", "", "with \"quotes\", a comma", "two\nlines\r\nand a CR\r", "Ødegaard Nguyễn",
                "日本語", "emoji \uD83D\uDE00 beyond the BMP", "a backslash \\ and \\N", "NULL", "\"", ",", "tab\there");
        List<IdmeEvent> page = new ArrayList<>();
        List<IdmeEvent> base = events(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            IdmeEvent e = base.get(i);
            page.add(new IdmeEvent(e.misCode(), e.eventId(), e.eventType(), e.eventTimestamp(), e.cccid(), texts.get(i),
                    null, e.lastName(), null, null, null, e.idmeStatus(), null, null, texts.get(i), true, true));
        }
        assertThat(write(dataSource, new IdmeEventTable(table, 100), page)).hasSize(texts.size());
        for (IdmeEvent e : page) {
            Map<String, Object> row = database.queries().rows("SELECT first_name, event_payload, previous_email"
                    + " FROM idme_status_event WHERE event_id = ?", e.eventId()).get(0);
            assertThat(row.values()).as("event %s", e.eventId())
                    .containsExactly(e.firstName(), e.eventPayload(), null);
        }
    }

    private static TestDatabase migrated(DatabaseKind kind, String label) {
        TestDatabase database = TestDatabases.create(kind, label);
        StagingSchemaMigrator.migrate(database.dataSource(), database.kind());
        return database;
    }

    private static List<IdmeEvent> write(DataSource dataSource, IdmeEventTable table, List<IdmeEvent> page)
            throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            List<IdmeEvent> stored = table.insertNew(connection, page, RECEIVED);
            connection.commit();
            return stored;
        }
    }

    private static List<IdmeEvent> events(int n) {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = n * 2;
        settings.redeliveryRate = 0;
        EventFeed feed = new EventFeed(settings);
        ObjectMapper json = new ObjectMapper();
        EventValidator validator = new EventValidator(json, Set.of("111"), TRANSITIONS, true);
        List<IdmeEvent> events = new ArrayList<>();
        for (long i = 0; events.size() < n; i++) {
            SimulatedEvent e = feed.event("111", i);
            var raw = json.createObjectNode().put("eventId", e.eventId()).put("eventType", e.eventType())
                    .put("eventTimestamp", e.eventTimestamp()).put("misCode", e.misCode()).put("eventPayload", e.eventPayload());
            if (validator.check(raw) instanceof EventCheck.Accepted ok) {
                events.add(ok.event());
            }
        }
        return events;
    }

    private static List<String> ids(List<IdmeEvent> events) {
        return events.stream().map(IdmeEvent::eventId).toList();
    }
}
