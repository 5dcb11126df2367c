package org.sisbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogMaskingTest {

    @Test
    void masksEmailAddressesWhereverTheyAre() {
        assertThat(LogMasking.mask("duplicate of ana.lopez17@example.edu (matched on email)"))
                .isEqualTo("duplicate of ***@*** (matched on email)");
        assertThat(LogMasking.mask("{\"email\":\"Zoë.O'Brien@college.example.edu\"}")).isEqualTo("{\"email\":\"***@***\"}");
    }

    @Test
    void masksBirthDatesInTheFormsSisUse() {
        assertThat(LogMasking.mask("born 1987-06-05, 6/5/1987, 06-05-1987, 19870605, 1987/06/05"))
                .isEqualTo("born ****-**-**, ****-**-**, ****-**-**, ****-**-**, ****-**-**");
        assertThat(LogMasking.mask("value '1999-09-09T00:00' refused")).isEqualTo("value '****-**-**T00:00' refused");
    }

    @Test
    void keepsRecentDatesAndNumbersThatAreNoDates() {
        String line = "Report 111-DAILY-2024-01-03 loaded at 2026-01-05 10:00:00, 200000 rows, batch 19871305"
                + " event 41987060512 app 1987-13-40";
        assertThat(LogMasking.mask(line)).isEqualTo(line);
        assertThat(LogMasking.mask(null)).isNull();
    }
}
