package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 13, section 3: the addresses that were accepted and created upstream, and the ones refused wrongly. */
class EmailAddressTest {

    @Test
    void theAddressesThatWereCreatedUpstreamAreRefused() {
        List<String> refused = List.of(".ana..lopez.@example.edu", "ana@-example-.edu", "ana@example.e", "ana@example.123",
                "ana@college.invalid", "ana@college.localhost", "ana@college.test", "ana@college.example",
                "a".repeat(65) + "@example.edu", "ana@" + "b".repeat(64) + ".edu");
        for (String address : refused) {
            assertThat(EmailAddress.problem(address)).as(address).isPresent();
        }
    }

    @Test
    void internationalizedDomainsAreAcceptedAndSentAsALabels() {
        assertThat(EmailAddress.problem("ana@bücher.de")).isEmpty();
        assertThat(EmailAddress.wireForm("ana@bücher.de")).isEqualTo("ana@xn--bcher-kva.de");
        assertThat(EmailAddress.wireForm(" Ana.Lopez@Example.edu\u00A0")).isEqualTo("Ana.Lopez@Example.edu");
        assertThat(EmailAddress.problem("ana@example.edu")).isEmpty();
        assertThat(EmailAddress.problem("\u00A0")).contains("email is empty");
        assertThat(EmailAddress.problem(null)).contains("email is empty");
        assertThat(EmailAddress.problem("ana.lopez+fall@college.example.edu")).isEmpty();
    }

    @Test
    void theBatchBodyCarriesTheALabelAndTrimmedFields() throws Exception {
        byte[] body = new BulkAccountJson(new com.fasterxml.jackson.databind.ObjectMapper()).requestBody("b1", List.of(
                new RosterStudent(1, "S1\u00A0", "Ana\u00A0", null, "\u202FLopez", "2000-01-01", "ana@bücher.de\u00A0", null,
                        "02134\u00A0")));
        String json = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"localId\":\"S1\"", "\"firstName\":\"Ana\"", "\"lastName\":\"Lopez\"",
                "\"email\":\"ana@xn--bcher-kva.de\"", "\"postalCode\":\"02134\"");
    }

    @Test
    void everyUnicodeSpaceAroundTheAddressIsTrimmed() {
        for (String space : List.of("\u00A0", "\u2007", "\u202F", "\u2003", "\u3000", "\uFEFF", "\u200B", "\t", " ")) {
            assertThat(EmailAddress.problem("ana@example.edu" + space)).as("U+%04X", (int) space.charAt(0)).isEmpty();
            assertThat(EmailAddress.problem(space + "ana@example.edu")).as("U+%04X", (int) space.charAt(0)).isEmpty();
        }
        assertThat(UnicodeSpace.strip("\u00A0 José \u00A0")).isEqualTo("José");
        assertThat(UnicodeSpace.isBlank("\u00A0\u2007")).isTrue();
        assertThat("ana@example.edu\u00A0".strip()).as("why String.strip() is not enough").endsWith("\u00A0");
    }

    @Test
    void quotedLocalPartsIpLiteralsAndNonAsciiLocalPartsHaveReasonsOfTheirOwn() {
        Map<String, String> reasons = Map.of(
                "\"ana lopez\"@example.edu", "quotes",
                "ana@[192.0.2.1]", "IP address",
                "josé@example.edu", "outside ASCII",
                "ana@bad.invalid", ".invalid",
                "ana lopez@example.edu", "space",
                ".ana@example.edu", "starts with a dot",
                "ana.@example.edu", "ends with a dot",
                "ana..lopez@example.edu", "two dots",
                "ana@-example.edu", "dash",
                "a".repeat(65) + "@example.edu", "64");
        reasons.forEach((address, words) -> assertThat(EmailAddress.problem(address)).as(address).get(
                org.assertj.core.api.InstanceOfAssertFactories.STRING).contains(words).doesNotContain(address));
        assertThat(reasons.keySet().stream().map(a -> EmailAddress.problem(a).orElseThrow()).distinct()).hasSize(reasons.size());
    }
}
