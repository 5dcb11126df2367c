package org.sisbridge.staging.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class ColumnConversionTest {

    private static final List<LocalDateTime> TIMES = List.of(
            LocalDateTime.of(2026, 3, 8, 2, 30), LocalDateTime.of(2026, 11, 1, 1, 30, 15, 123_456_789),
            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999), LocalDateTime.of(1900, 1, 1, 0, 0),
            LocalDateTime.of(2024, 2, 29, 12, 0, 0, 1));

    /** The quick way taken in UTC must be the very value Timestamp.valueOf gives there. */
    @Test
    void aTimeIsBoundAsTimestampValueOfWouldInEveryZone() {
        TimeZone before = TimeZone.getDefault();
        try {
            for (String zone : List.of("UTC", "Etc/UTC", "GMT", "America/Los_Angeles", "Asia/Kolkata")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                for (LocalDateTime t : TIMES) {
                    Object bound = new ColumnConversion.AsIs().apply(t);
                    assertThat(bound).as(zone + " " + t).isEqualTo(Timestamp.valueOf(t));
                    assertThat(((Timestamp) bound).getNanos()).as(zone + " " + t).isEqualTo(t.getNano());
                }
            }
        } finally {
            TimeZone.setDefault(before);
        }
    }
}
