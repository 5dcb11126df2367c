package org.sisbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The contract's Student.email: the agent sends an internationalized domain as an A-label; the
 * simulator accepts it (and the Unicode form), and matches both spellings as one address.
 */
class AccountEmailFormsTest {

    private final AccountFieldRules rules = new AccountFieldRules(true);

    @Test
    void theALabelTheAgentSendsAndTheUnicodeFormAreBothAccepted() {
        for (String email : new String[] {"ana@xn--bcher-kva.de", "ana@bücher.de"}) {
            assertThat(rules.check(new BulkStudent("S1", "Ana", null, "Lopez", "2000-01-01", email, null, null),
                    LocalDate.of(2026, 1, 1))).as(email).isEmpty();
        }
    }

    @Test
    void bothSpellingsOfOneDomainAreOneAddressForDuplicates() {
        assertThat(AccountIdentity.emailKey("Ana@Bücher.de")).isEqualTo(AccountIdentity.emailKey("ana@xn--bcher-kva.de"));
        assertThat(AccountIdentity.emailKey("ana@example.edu")).isEqualTo("ana@example.edu");
    }
}
