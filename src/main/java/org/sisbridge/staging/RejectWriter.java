package org.sisbridge.staging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes rejected records to the rejects table inside the caller's transaction. A reject already
 * there for the same source and key (a redelivered bad record) is not written again.
 *
 * <p>The raw input is kept up to {@code sisbridge.staging.reject-max-raw-chars}, then cut with a note
 * of its full length: an upstream sending pages of one 16 MB event each (each rightly refused as
 * PAYLOAD_TOO_LONG) grew the database by 16 MB a request, 405 MB in half a minute.
 */
public class RejectWriter {

    /** The shipped default of sisbridge.staging.reject-max-raw-chars. */
    public static final int DEFAULT_MAX_RAW_CHARS = 65_536;

    private final String table;
    private final Clock clock;
    private final int maxRawChars;

    public RejectWriter(String table, Clock clock) {
        this(table, clock, DEFAULT_MAX_RAW_CHARS);
    }

    /** @param maxRawChars the most characters of a record's raw input kept (sisbridge.staging.reject-max-raw-chars) */
    public RejectWriter(String table, Clock clock, int maxRawChars) {
        this.table = SqlIdentifier.require("sisbridge.staging.reject-table", table);
        this.clock = clock;
        this.maxRawChars = maxRawChars;
    }

    /** @return the rejects actually written (new ones) */
    public List<Reject> write(Connection connection, List<Reject> rejects) throws SQLException {
        Map<String, Map<String, Reject>> bySource = new LinkedHashMap<>();
        for (Reject reject : rejects) {
            bySource.computeIfAbsent(reject.source(), s -> new LinkedHashMap<>()).putIfAbsent(reject.recordKey(), reject);
        }
        List<Reject> written = new ArrayList<>();
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                + " (source, record_key, reason_code, reason, raw_input, rejected_at, source_ref, line_number)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, Map<String, Reject>> source : bySource.entrySet()) {
                Set<String> existing = ExistingKeys.find(connection, table, "source", source.getKey(),
                        "record_key", source.getValue().keySet());
                for (Reject reject : source.getValue().values()) {
                    if (existing.contains(reject.recordKey())) {
                        continue;
                    }
                    insert.setString(1, reject.source());
                    insert.setString(2, reject.recordKey());
                    insert.setString(3, reject.reason().name());
                    insert.setString(4, truncate(reject.describe(), 1000));
                    insert.setString(5, kept(reject.rawInput()));
                    insert.setTimestamp(6, now);
                    insert.setString(7, reject.sourceRef());
                    if (reject.lineNumber() == null) {
                        insert.setNull(8, java.sql.Types.BIGINT);
                    } else {
                        insert.setLong(8, reject.lineNumber());
                    }
                    insert.addBatch();
                    written.add(reject);
                }
            }
            if (!written.isEmpty()) {
                insert.executeBatch();
            }
        }
        return written;
    }

    /** The raw input, or its start and a note of what was cut (never half a surrogate pair). */
    String kept(String raw) {
        if (raw == null || raw.length() <= maxRawChars) {
            return raw;
        }
        int end = Character.isHighSurrogate(raw.charAt(maxRawChars - 1)) ? maxRawChars - 1 : maxRawChars;
        return raw.substring(0, end) + "\n[cut by sisbridge: " + raw.length() + " characters in all, the first " + end
                + " kept (sisbridge.staging.reject-max-raw-chars)]";
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
