package org.sisbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The simulator counts lengths as the contract says (code points), the same way the agent's validator does. */
class AccountFieldRulesTest {

    private final AccountFieldRules rules = new AccountFieldRules(false);

    @Test
    void namesAreCountedInCodePoints() {
        String astral = "\uD840\uDC0B"; // one code point, two UTF-16 units
        assertThat(rules.check(student(astral.repeat(100)), LocalDate.of(2026, 1, 1))).isEmpty();
        assertThat(rules.check(student(astral.repeat(101)), LocalDate.of(2026, 1, 1)))
                .extracting(AccountFieldError::code).containsExactly("TOO_LONG");
        assertThat(rules.check(student("e\u0301".repeat(50) + "x"), LocalDate.of(2026, 1, 1)))
                .as("a combining mark counts on its own").extracting(AccountFieldError::code).containsExactly("TOO_LONG");
    }

    private static BulkStudent student(String firstName) {
        return new BulkStudent("S1", firstName, null, "Lopez", "2000-01-01", null, null, null);
    }
}
