package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sisbridge.dictionary.RejectReason;

/** Each kind of bad student row gets its own reason; good rows (any accepted form) get none. */
class RosterValidatorTest {

    private final RosterValidator validator = new RosterValidator(
            Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC), 13, 110, true);

    private static RosterStudent s(String first, String last, String birth, String email, String phone, String zip) {
        return new RosterStudent(1, "S1", first, null, last, birth, email, phone, zip);
    }

    @Test
    void everyRuleHasItsOwnReason() {
        Map<RosterStudent, RejectReason> cases = Map.of(
                s(" ", "Lopez", "2000-01-01", "a@b.edu", null, null), RejectReason.STUDENT_FIELD_MISSING,
                s("Ana", "Lopez", "2000-01-01", null, null, null), RejectReason.STUDENT_FIELD_MISSING,
                s("A".repeat(101), "Lopez", "2000-01-01", "a@b.edu", null, null), RejectReason.STUDENT_FIELD_TOO_LONG,
                s("Ana2", "Lopez", "2000-01-01", "a@b.edu", null, null), RejectReason.INVALID_NAME,
                s("Ana", "Lopez", "2001-02-29", "a@b.edu", null, null), RejectReason.INVALID_BIRTH_DATE,
                s("Ana", "Lopez", "2016-01-01", "a@b.edu", null, null), RejectReason.IMPLAUSIBLE_AGE,
                s("Ana", "Lopez", "1900-01-01", "a@b.edu", null, null), RejectReason.IMPLAUSIBLE_AGE,
                s("Ana", "Lopez", "2000-01-01", "a@b", null, null), RejectReason.INVALID_EMAIL,
                s("Ana", "Lopez", "2000-01-01", "a@b.edu", "12345", null), RejectReason.INVALID_PHONE,
                s("Ana", "Lopez", "2000-01-01", "a@b.edu", null, "ABCDE"), RejectReason.INVALID_POSTAL_CODE);
        cases.forEach((student, reason) -> assertThat(validator.check(student))
                .as("%s", student).get().extracting(RosterProblem::reason).isEqualTo(reason));
    }

    @Test
    void aTwoDigitYearIsRefusedSayingWhyNotGuessed() {
        // LibreOffice writes a date cell into a CSV as MM/DD/YY (its en-US format): 02/03/99 could be 1999 or 2099
        assertThat(validator.check(s("Ana", "Lopez", "02/03/99", "a@b.edu", null, null))).get()
                .satisfies(p -> assertThat(p.reason()).isEqualTo(RejectReason.INVALID_BIRTH_DATE))
                .satisfies(p -> assertThat(p.detail()).startsWith("birth_date has a two-digit year").contains("M/D/YYYY"));
        assertThat(validator.check(s("Ana", "Lopez", "2/30/1999", "a@b.edu", null, null))).get()
                .extracting(RosterProblem::detail).isEqualTo("birth_date is not a real calendar date");
    }

    @Test
    void acceptsTheFormsStaffActuallyType() {
        assertThat(validator.check(s("José", "García-López", "4/30/2001", "Ana.Lopez+1@College.edu", "+1 (916) 555-0100", "95814-1234")))
                .isEmpty();
        assertThat(validator.check(s("Mary Ann", "O'Brien", "2001-04-30", "ana@example.edu", "916.555.0100", "95814"))).isEmpty();
    }

    @Test
    void everyScriptAndMarkPasses() {
        for (String[] name : Names.EVERY_SCRIPT) {
            assertThat(validator.check(s(name[0], name[1], "2000-01-01", "a@b.edu", null, null))).as(name[0] + " " + name[1])
                    .isEmpty();
        }
    }

    @Test
    void lengthsAreCountedInCodePointsAsTheContractSays() {
        String astral = "\uD840\uDC0B"; // one code point, two UTF-16 units
        assertThat(validator.check(s(astral.repeat(100), "Lopez", "2000-01-01", "a@b.edu", null, null))).isEmpty();
        assertThat(validator.check(s(astral.repeat(101), "Lopez", "2000-01-01", "a@b.edu", null, null)))
                .get().extracting(RosterProblem::reason).isEqualTo(RejectReason.STUDENT_FIELD_TOO_LONG);
        // a decomposed é is two code points, and counts as two
        assertThat(validator.check(s("e\u0301".repeat(50), "Lopez", "2000-01-01", "a@b.edu", null, null))).isEmpty();
        assertThat(validator.check(s("e\u0301".repeat(50) + "x", "Lopez", "2000-01-01", "a@b.edu", null, null)))
                .get().extracting(RosterProblem::reason).isEqualTo(RejectReason.STUDENT_FIELD_TOO_LONG);
    }

    @Test
    void aReplacementCharacterOrAControlCharacterInAnyFieldHasItsOwnReason() {
        for (RosterStudent student : new RosterStudent[] {
                s("Jos\uFFFD", "Pe\uFFFDa", "2000-01-01", "a@b.edu", null, null),
                s("Ana", "Lo\tpez", "2000-01-01", "a@b.edu", null, null),
                new RosterStudent(1, "S\u00851", "Ana", null, "Lopez", "2000-01-01", "a@b.edu", null, null),
                new RosterStudent(1, "S1", "Ana", "Ma\u0000ria", "Lopez", "2000-01-01", "a@b.edu", null, null),
                s("Ana", "Lopez", "2000-01-01", "a\uFFFD@b.edu", null, null)}) {
            RosterProblem problem = validator.check(student).orElseThrow();
            assertThat(problem.reason()).as("%s", student).isEqualTo(RejectReason.UNUSABLE_CHARACTER);
            assertThat(problem.describe()).doesNotContain("Jos").doesNotContain("Lo\tpez");
        }
        assertThat(validator.check(s("Ana", "Lopez", "2000-01-01", "a@b.edu", null, null))).isEmpty();
        // the zero-width non-joiner is part of how Persian and Indic names are written: it passes
        assertThat(validator.check(s("\u0645\u06CC\u200C\u0631\u0636\u0627", "Lopez", "2000-01-01", "a@b.edu", null, null)))
                .isEmpty();
    }

    @Test
    void aLineBreakOrTabTypedIntoACellIsSaidAsSuchNotAsALostLetter() {
        for (String typed : new String[] {"Lo\npez", "Lo\r\npez", "Lo\tpez"}) {
            RosterProblem problem = validator.check(s("Ana", typed, "2000-01-01", "a@b.edu", null, null)).orElseThrow();
            assertThat(problem.reason()).isEqualTo(RejectReason.UNUSABLE_CHARACTER);
            assertThat(problem.detail()).isEqualTo("last_name holds a line break or a tab (Alt+Enter in a spreadsheet cell):"
                    + " take it out of the cell");
        }
        assertThat(validator.check(new RosterStudent(1, "S1", "Ana", "Ma\u0000ria", "Lopez", "2000-01-01", "a@b.edu", null, null))
                .orElseThrow().detail()).isEqualTo("middle_name holds a control character");
    }

    @Test
    void aQuestionMarkInANameIsALetterExcelsWindows1252CsvCouldNotWrite() {
        // "CSV (Comma delimited)" writes '?' for every letter windows-1252 lacks: Nguyễn, Łukasz, Đặng
        for (RosterStudent student : new RosterStudent[] {
                s("Nguy?n", "Lopez", "2000-01-01", "a@b.edu", null, null),
                s("Ana", "??ng", "2000-01-01", "a@b.edu", null, null),
                new RosterStudent(1, "S1", "Ana", "?ukasz", "Lopez", "2000-01-01", "a@b.edu", null, null)}) {
            RosterProblem problem = validator.check(student).orElseThrow();
            assertThat(problem.reason()).as("%s", student).isEqualTo(RejectReason.UNUSABLE_CHARACTER);
            assertThat(problem.detail()).contains("_name holds '?'").contains("encoding");
            assertThat(problem.describe()).contains("CSV UTF-8").doesNotContain("Nguy").doesNotContain("ukasz")
                    .doesNotContain("??ng");
        }
        // elsewhere a '?' is no lost letter of a name: the e-mail's own rules decide
        assertThat(validator.check(s("Ana", "Lopez", "2000-01-01", "ana?lopez@example.edu", null, null))).isEmpty();
    }

    @Test
    void aLocalIdASpreadsheetShortenedToScientificNotationIsRefusedWithItsOwnReason() {
        for (String id : new String[] {"1.23457E+11", "1.2E+11", "1,23457E+11", "1.23457e+011", "1E+15"}) {
            RosterProblem problem = validator.check(new RosterStudent(1, id, "Ana", null, "Lopez", "2000-01-01", "a@b.edu",
                    null, null)).orElseThrow();
            assertThat(problem.reason()).as(id).isEqualTo(RejectReason.INVALID_LOCAL_ID);
            assertThat(problem.describe()).contains("scientific notation", "Text");
        }
        // an id of letters and digits without an exponent sign, or a number in full, is no shortened number
        for (String id : new String[] {"2E0001", "12E45", "A1.2E", "123456789012"}) {
            assertThat(validator.check(new RosterStudent(1, id, "Ana", null, "Lopez", "2000-01-01", "a@b.edu", null, null)))
                    .as(id).isEmpty();
        }
    }

    @Test
    void aBirthDateAsASpreadsheetWritesItIsRead() {
        for (String date : new String[] {"2000-01-05 00:00:00", "2000/01/05", "2000/01/05 00:00:00", "1/5/2000 0:00",
                "2000-01-05 00:00", "2000-01-05", "1/5/2000"}) {
            assertThat(RosterValidator.parseBirthDate(date)).as(date).contains(java.time.LocalDate.of(2000, 1, 5));
            assertThat(validator.check(s("Ana", "Lopez", date, "a@b.edu", null, null))).as(date).isEmpty();
        }
        // a time of day is no birth date, and the slashed form is still checked strictly
        for (String date : new String[] {"2000-01-05 12:00:00", "2000/01/05 00:00:01", "2001/02/29", "2000/1/5"}) {
            assertThat(validator.check(s("Ana", "Lopez", date, "a@b.edu", null, null))).as(date).get()
                    .extracting(RosterProblem::reason).isEqualTo(RejectReason.INVALID_BIRTH_DATE);
        }
    }

    @Test
    void aBirthDateInNoFormTheAgentReadsListsTheFormsButNotTheValue() {
        RosterProblem unread = validator.check(s("Ana", "Lopez", "05.01.2000", "a@b.edu", null, null)).orElseThrow();
        assertThat(unread.detail()).contains("YYYY-MM-DD", "M/D/YYYY", "YYYY/MM/DD");
        assertThat(unread.describe()).doesNotContain("05.01.2000");
        RosterProblem unreal = validator.check(s("Ana", "Lopez", "2001-02-29", "a@b.edu", null, null)).orElseThrow();
        assertThat(unreal.detail()).isEqualTo("birth_date is not a real calendar date");
        assertThat(unreal.describe()).doesNotContain("2001-02-29");
    }

    @Test
    void aNoBreakSpaceLeftByCopyAndPasteIsTrimmedNotAnError() {
        assertThat(validator.check(s("Ana\u00A0", "\u00A0Lopez", "2000-01-01\u00A0", "ana@example.edu\u00A0", null,
                "95814\u2007"))).isEmpty();
        assertThat(validator.check(s("\u00A0", "Lopez", "2000-01-01", "ana@example.edu", null, null))).get()
                .extracting(RosterProblem::reason).isEqualTo(RejectReason.STUDENT_FIELD_MISSING);
    }

    @Test
    void theIssuesAddressesAreRefusedEachWithWhatIsWrong() {
        RosterProblem dots = validator.check(s("Ana", "Lopez", "2000-01-01", ".ana..lopez.@example.edu", null, null)).orElseThrow();
        RosterProblem dash = validator.check(s("Ana", "Lopez", "2000-01-01", "ana@-example-.edu", null, null)).orElseThrow();
        assertThat(List.of(dots.reason(), dash.reason())).containsOnly(RejectReason.INVALID_EMAIL);
        assertThat(dots.describe()).contains("dot");
        assertThat(dash.describe()).contains("dash");
        assertThat(validator.check(s("Ana", "Lopez", "2000-01-01", "ana@bücher.de", null, null))).isEmpty();
    }

    @Test
    void reasonsNameTheFieldButNeverItsValue() {
        RosterProblem problem = validator.check(s("Ana", "Lopez", "2000-01-01", "secret-address", null, null)).orElseThrow();
        assertThat(problem.describe()).contains("email").doesNotContain("secret-address");
    }
}
