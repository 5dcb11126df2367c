package org.sisbridge.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Upstream error text reaches a log line or last_failure only masked, escaped and capped. */
class UpstreamTextTest {

    private final UpstreamText text = new UpstreamText(300);

    @Test
    void aLineBreakCannotForgeALogLine() {
        String safe = text.message("bad request\n2026-11-30 04:00:00.000 ERROR [main] org.sisbridge FORGED\r\u2028x\u0000");
        assertThat(safe).doesNotContain("\n", "\r", "\u2028", "\u0000")
                .contains("bad request\\n", "\\r", "\\u2028", "\\u0000");
    }

    @Test
    void namesInQuotesPhoneNumbersEmailsAndBirthDatesAreMasked() {
        String safe = text.message("student \"Jane Doe\" (jane.doe@example.edu, born 2001-04-17) already exists;"
                + " call +1 (555) 123-4567 or '555.987.6543'");
        assertThat(safe).doesNotContain("Jane", "Doe", "jane.doe", "2001-04-17", "555", "4567", "6543")
                .contains("student ***", "already exists");
    }

    @Test
    void shortNumbersAndTheCodeStayReadable() {
        assertThat(text.summary("rate_limited", "at most 500 students per batch, retry in 30 s"))
                .isEqualTo("rate_limited: at most 500 students per batch, retry in 30 s");
        assertThat(text.code("bad\ncode <script>")).isEqualTo("bad?code??script?");
    }

    @Test
    void aLongMessageIsCappedWithAMark() {
        String safe = new UpstreamText(40).message("x".repeat(5_000_000));
        assertThat(safe).hasSize(43).endsWith("...");
        assertThat(new UpstreamText(40).message("\n".repeat(100))).hasSizeLessThanOrEqualTo(43).endsWith("...")
                .doesNotContain("\n");
        assertThat(text.message(null)).isEmpty();
    }
}
