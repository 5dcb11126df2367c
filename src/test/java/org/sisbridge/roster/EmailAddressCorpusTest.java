package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every address of a public corpus judged as account creation needs: the syntax tests of
 * JoshData/python-email-validator (tests/test_syntax.py at commit b73d010, public domain, The
 * Unlicense), which include pyIsEmail's copy of Dominic Sayers' isemail list with its diagnoses.
 * Copied to src/test/resources/email-corpus/ (README there).
 *
 * <p>Where the agent differs from that test, on purpose: a quoted local part, a domain literal, a
 * display name and a non-ASCII local part are refused (the corpus accepts them with options), and
 * the spaces around a field are trimmed before it is judged (a roster cell), so "test@iana.org "
 * is accepted as test@iana.org.
 */
class EmailAddressCorpusTest {

    /** The corpus's addresses that are valid once the spaces (CR and LF included) around them are trimmed. */
    private static final Set<String> VALID_ONCE_TRIMMED = Set.of("test@iana.org", "my@example.com");

    static Stream<Arguments> corpus() throws Exception {
        List<Arguments> cases = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(EmailAddressCorpusTest.class.getResourceAsStream(
                "/email-corpus/python-email-validator-test_syntax.tsv"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 3);
                String address = unescape(f[2]);
                cases.add(Arguments.of(f[0], f[1], address, expectedValid(f[0], f[1], address)));
            }
        }
        assertThat(cases).hasSizeGreaterThan(250);
        return cases.stream();
    }

    private static boolean expectedValid(String test, String diagnosis, String address) {
        String trimmed = UnicodeSpace.strip(address);
        if (!trimmed.equals(address)) {
            return VALID_ONCE_TRIMMED.contains(trimmed);
        }
        return switch (test) {
            // valid there; here only without quotes or a display name
            case "test_email_valid" -> !address.contains("\"") && !address.contains("<");
            case "test_pyisemail_tests" -> diagnosis.equals("ISEMAIL_VALID");
            // non-ASCII local parts, quoted local parts, the invalid, the too long and the reserved
            default -> false;
        };
    }

    @ParameterizedTest(name = "{0} {1}: [{2}] valid={3}")
    @MethodSource("corpus")
    void eachAddressIsJudgedAsAccountCreationNeeds(String test, String diagnosis, String address, boolean valid) {
        if (valid) {
            assertThat(EmailAddress.problem(address)).as("%s", address).isEmpty();
        } else {
            assertThat(EmailAddress.problem(address)).as("%s", address).isPresent();
        }
    }

    private static String unescape(String escaped) {
        Matcher m = Pattern.compile("\\\\(\\\\|u([0-9A-F]{4}))").matcher(escaped);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) == null ? "\\"
                    : String.valueOf((char) Integer.parseInt(m.group(2), 16))));
        }
        return m.appendTail(out).toString();
    }
}
