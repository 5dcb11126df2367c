package org.sisbridge.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sisbridge.dictionary.RejectReason;
import org.sisbridge.testsupport.TestDatabase;

/**
 * An upstream sending pages of one 16 MB event each (each rightly refused as PAYLOAD_TOO_LONG) had
 * every event kept whole in the rejects table: 405 MB after half a minute. The raw input is now kept
 * up to sisbridge.staging.reject-max-raw-chars, with a note of its full length; a short one is kept as
 * it came.
 */
class RejectRawInputCapTest {

    @Test
    void aHugeRawInputIsCutWithANoteAndAShortOneIsKeptWhole() throws Exception {
        TestDatabase database = TestDatabase.h2File("reject-raw-cap");
        DataSource dataSource = database.dataSource();
        StagingSchemaMigrator.migrate(dataSource, database.kind());
        RejectWriter writer = new RejectWriter("sisbridge_reject", Clock.systemUTC(), 4096);
        String huge = "{\"eventPayload\":\"" + "x".repeat(16_000_000) + "\"}";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            writer.write(c, List.of(new Reject("idme-events", "k1", huge, RejectReason.PAYLOAD_TOO_LONG, "too long"),
                    new Reject("idme-events", "k2", "{\"a\":1}", RejectReason.PAYLOAD_TOO_LONG, "too long")));
            c.commit();
            try (Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT record_key, raw_input FROM sisbridge_reject ORDER BY record_key")) {
                assertThat(rows.next()).isTrue();
                String kept = rows.getString(2);
                assertThat(kept).startsWith(huge.substring(0, 4096))
                        .endsWith("[cut by sisbridge: 16000019 characters in all, the first 4096 kept"
                                + " (sisbridge.staging.reject-max-raw-chars)]")
                        .hasSizeLessThan(4300);
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(2)).isEqualTo("{\"a\":1}");
            }
        }
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        RejectWriter writer = new RejectWriter("sisbridge_reject", Clock.systemUTC(), 1024);
        String raw = "a".repeat(1023) + "\uD83D\uDE00" + "b".repeat(10);
        assertThat(writer.kept(raw)).startsWith("a".repeat(1023) + "\n[cut by sisbridge: 1035 characters in all, the first 1023");
    }
}
