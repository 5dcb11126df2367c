package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportTimestampTest {

    /** The form as String.format wrote it before: what row keys already staged were made with. */
    private static String formatted(LocalDateTime t) {
        return String.format("%04d-%02d-%02d %02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(),
                t.getMinute());
    }

    @Test
    void everyMinuteOfADayAndEveryDayOfALeapYearIsWrittenAsBefore() {
        for (LocalDateTime t = LocalDateTime.of(2024, 2, 28, 0, 0); t.isBefore(LocalDateTime.of(2024, 3, 2, 0, 0));
             t = t.plusMinutes(1)) {
            assertThat(ReportTimestamp.format(t)).isEqualTo(formatted(t));
        }
        for (LocalDateTime t = LocalDateTime.of(2024, 1, 1, 23, 59); t.getYear() == 2024; t = t.plusDays(1)) {
            assertThat(ReportTimestamp.format(t)).isEqualTo(formatted(t));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 9, 10, 99, 100, 999, 1000, 1970, 9999, -1, -999, 10000, 123456})
    void yearsOfEveryWidthAreWrittenAsBefore(int year) {
        LocalDateTime t = LocalDateTime.of(year, 12, 31, 9, 5, 59, 999);
        assertThat(ReportTimestamp.format(t)).isEqualTo(formatted(t));
    }

    @Test
    void whatIsParsedIsWrittenBackTheSame() {
        for (String text : new String[] {"0000-01-01 00:00", "2024-02-29 23:59", "9999-12-31 00:01", "1999-09-09 09:09"}) {
            assertThat(ReportTimestamp.format(ReportTimestamp.parse(text))).isEqualTo(text);
        }
    }

    @Test
    void everyDayKeptOrNotAndEveryMinuteParsesToWhatJavaTimeSays() {
        for (LocalDate day = LocalDate.of(1999, 12, 25); day.isBefore(LocalDate.of(2100, 1, 8)); day = day.plusDays(1)) {
            String text = day + " 13:07";
            assertThat(ReportTimestamp.parse(text)).as(text).isEqualTo(day.atTime(13, 7));
            assertThat(ReportTimestamp.parse(text)).as("again, from what was kept").isEqualTo(day.atTime(13, 7));
        }
        for (int minute = 0; minute < 24 * 60; minute++) {
            LocalDateTime t = LocalDate.of(2024, 6, 1).atTime(minute / 60, minute % 60);
            assertThat(ReportTimestamp.parse(ReportTimestamp.format(t))).isEqualTo(t);
        }
        for (int year : new int[] {0, 1582, 1999, 2100, 9999}) {
            assertThat(ReportTimestamp.parse(String.format("%04d-02-28 00:00", year))).isEqualTo(LocalDateTime.of(year, 2, 28, 0, 0));
        }
    }

    @Test
    void aDayThatDoesNotExistIsNeverKeptAsOneThatDoes() {
        for (int i = 0; i < 3; i++) {
            assertThat(ReportTimestamp.parse("2023-02-29 10:00")).isNull();
            assertThat(ReportTimestamp.parse("2023-02-28 10:00")).isEqualTo(LocalDateTime.of(2023, 2, 28, 10, 0));
            assertThat(ReportTimestamp.parse("2024-02-29 10:00")).isEqualTo(LocalDateTime.of(2024, 2, 29, 10, 0));
            assertThat(ReportTimestamp.parse("2024-02-30 10:00")).isNull();
            assertThat(ReportTimestamp.parse("2024-06-31 10:00")).isNull();
        }
    }

    @Test
    void zeroSecondsAfterTheMinuteAreThatMinute() {
        // before: null, so a report LibreOffice opened and saved back to CSV had every row refused (INVALID_REPORT_TIMESTAMP)
        assertThat(ReportTimestamp.parse("2024-01-01 00:01:00")).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 1));
        assertThat(ReportTimestamp.parse("2024-02-29 23:59:00")).isEqualTo(ReportTimestamp.parse("2024-02-29 23:59"));
        assertThat(ReportTimestamp.parse("2023-02-29 10:00:00")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29 00:00", "2024-13-01 00:00", "2024-00-10 00:00", "2024-01-32 00:00", "2024-04-31 12:00",
            "2024-01-01 24:00", "2024-01-01 23:60", "2024-01-01T00:00", "2024-1-01 00:00", "2024-01-01 00:00 ", "+024-01-01 00:00",
            "2024-01-01 0:000", "2024-01-01 -1:05", "2024-01-01 01:-1", "2024-01-01 0x:05", "2024-01-01 99:99", "2024-01-00 10:00",
            "2024-00-00 10:00", "0000-00-00 00:00", "2024-01-01 00:0\u0661", "２０２４-01-01 00:00", "",
            // seconds: only :00, the same minute, as a spreadsheet writes it back
            "2024-01-01 00:01:01", "2024-01-01 00:01:0", "2024-01-01 00:01:000", "2024-01-01 00:01.00", "2024-01-01 00:01:60"})
    void textNotInTheFormOrNoRealMinuteIsNoTimestamp(String text) {
        assertThat(ReportTimestamp.parse(text)).isNull();
    }
}
