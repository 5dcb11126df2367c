package org.sisbridge.roster;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sisbridge.csv.SpreadsheetNumber;
import org.sisbridge.dictionary.RejectReason;

/**
 * The checks a student passes before leaving the college, each failure with its own reason code,
 * so staff know exactly what to fix. Stricter than the upstream's own checks where it can be:
 * a student the agent would have to send twice costs a job and a retry.
 */
public class RosterValidator {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("M/d/uuuu").withResolverStyle(ResolverStyle.STRICT);
    /** As LibreOffice, Gnumeric and Excel in some locales write a date: 2000/01/05. */
    private static final DateTimeFormatter SLASHED_ISO = DateTimeFormatter.ofPattern("uuuu/MM/dd").withResolverStyle(ResolverStyle.STRICT);
    /** The forms as the reasons name them. */
    static final String BIRTH_DATE_FORMS = "YYYY-MM-DD, M/D/YYYY, YYYY/MM/DD, each optionally with the time 00:00:00";
    /**
     * A midnight time after the date, as a spreadsheet writes a date cell formatted with a time
     * ("2000-01-05 00:00:00", "1/5/2000 0:00"): any other time is no birth date.
     */
    private static final Pattern MIDNIGHT = Pattern.compile("\\s+0?0:00(:00(\\.0+)?)?$");
    /** The shapes of the forms, to tell a date in a form from a real calendar date (2001-02-29 is in one, and is none). */
    private static final Pattern DATE_SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"
            + "|[0-9]{4}/[0-9]{2}/[0-9]{2}");
    /** A date with a two-digit year, as LibreOffice writes a date cell into a CSV (its en-US format is MM/DD/YY). */
    private static final Pattern TWO_DIGIT_YEAR = Pattern.compile("[0-9]{1,2}/[0-9]{1,2}/[0-9]{2}");
    private static final Pattern NAME_DIGITS = Pattern.compile("[0-9]");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s().-]");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{10,15}");
    private static final Pattern ZIP = Pattern.compile("[0-9]{5}(-[0-9]{4})?");

    private final Clock clock;
    private final int minAge;
    private final int maxAge;
    private final boolean emailRequired;

    public RosterValidator(Clock clock, int minAge, int maxAge, boolean emailRequired) {
        this.clock = clock;
        this.minAge = minAge;
        this.maxAge = maxAge;
        this.emailRequired = emailRequired;
    }

    /** @return the first problem found, or empty when the student may be sent */
    public Optional<RosterProblem> check(RosterStudent s) {
        return Optional.ofNullable(firstProblem(s));
    }

    /**
     * The birth date in an accepted form (yyyy-MM-dd, M/d/yyyy, yyyy/MM/dd, each optionally followed by
     * the time 00:00:00 or 0:00), or empty when it is not a real date in one of them.
     */
    public static Optional<LocalDate> parseBirthDate(String text) {
        String date = birthDateWithoutMidnight(text);
        if (date == null) {
            return Optional.empty();
        }
        for (DateTimeFormatter form : new DateTimeFormatter[] {ISO, US, SLASHED_ISO}) {
            try {
                return Optional.of(LocalDate.parse(date, form));
            } catch (DateTimeParseException notThisForm) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    /** The trimmed value without a midnight time after it; null for null. */
    private static String birthDateWithoutMidnight(String text) {
        return text == null ? null : MIDNIGHT.matcher(UnicodeSpace.strip(text)).replaceFirst("");
    }

    /** Why a birth date that {@link #parseBirthDate} refused is refused, without its value (student data). */
    private static String birthDateProblem(String text) {
        String date = birthDateWithoutMidnight(text);
        if (TWO_DIGIT_YEAR.matcher(date).matches()) {
            // never guessed: a wrong century is a wrong student, and nothing would tell
            return "birth_date has a two-digit year, which does not tell the century: give the column a four-digit year"
                    + " (M/D/YYYY) and save the file again";
        }
        return DATE_SHAPE.matcher(date).matches() ? "birth_date is not a real calendar date"
                : "birth_date is not a date in a form the agent reads (" + BIRTH_DATE_FORMS + ")";
    }

    private RosterProblem firstProblem(RosterStudent s) {
        RosterProblem missing = firstMissing(s);
        if (missing != null) {
            return missing;
        }
        RosterProblem tooLong = firstTooLong(s);
        if (tooLong != null) {
            return tooLong;
        }
        RosterProblem unusable = firstUnusableCharacter(s);
        if (unusable != null) {
            return unusable;
        }
        if (SpreadsheetNumber.isScientific(s.localId())) {
            return new RosterProblem(RejectReason.INVALID_LOCAL_ID, "local_id looks like a number a spreadsheet shortened to"
                    + " scientific notation (such as 1.23457E+11): its digits are lost; format the column as Text and export again");
        }
        for (String[] name : new String[][] {{"first_name", s.firstName()}, {"middle_name", s.middleName()}, {"last_name", s.lastName()}}) {
            if (name[1] != null && NAME_DIGITS.matcher(name[1]).find()) {
                return new RosterProblem(RejectReason.INVALID_NAME, name[0] + " contains a digit");
            }
        }
        Optional<LocalDate> born = parseBirthDate(s.birthDate());
        if (born.isEmpty()) {
            return new RosterProblem(RejectReason.INVALID_BIRTH_DATE, birthDateProblem(s.birthDate()));
        }
        LocalDate today = LocalDate.now(clock);
        if (born.get().isAfter(today) || Period.between(born.get(), today).getYears() < minAge
                || Period.between(born.get(), today).getYears() > maxAge) {
            return new RosterProblem(RejectReason.IMPLAUSIBLE_AGE, "birth_date gives an age outside " + minAge + ".." + maxAge);
        }
        String emailProblem = present(s.email()) ? EmailAddress.problem(s.email()).orElse(null) : null;
        if (emailProblem != null) {
            return new RosterProblem(RejectReason.INVALID_EMAIL, emailProblem);
        }
        if (present(s.phone()) && !PHONE.matcher(PHONE_SEPARATORS.matcher(UnicodeSpace.strip(s.phone())).replaceAll("")).matches()) {
            return new RosterProblem(RejectReason.INVALID_PHONE, "phone does not have 10 to 15 digits");
        }
        if (present(s.postalCode()) && !ZIP.matcher(UnicodeSpace.strip(s.postalCode())).matches()) {
            return new RosterProblem(RejectReason.INVALID_POSTAL_CODE, "postal_code is not a US ZIP code");
        }
        return null;
    }

    private RosterProblem firstMissing(RosterStudent s) {
        String[][] required = {{"local_id", s.localId()}, {"first_name", s.firstName()}, {"last_name", s.lastName()},
                {"birth_date", s.birthDate()}, {"email", emailRequired ? s.email() : "not required"}};
        for (String[] field : required) {
            if (!present(field[1])) {
                return new RosterProblem(RejectReason.STUDENT_FIELD_MISSING, field[0] + " is empty");
            }
        }
        return null;
    }

    /**
     * A field holding U+FFFD (text some program before us could not decode: the letter is lost, and
     * an account must not be created with the mark), a control character (tab, line break, NUL,
     * U+0080..U+009F) or half a surrogate pair; or a name holding '?', which no legal name has and
     * which Excel's "CSV (Comma delimited)" (windows-1252) writes for every letter it cannot encode
     * ("Nguyễn" becomes "Nguy?n"). Format characters such as the zero-width joiner are letters'
     * business in several scripts and pass.
     */
    private static RosterProblem firstUnusableCharacter(RosterStudent s) {
        String[][] fields = {{"local_id", s.localId()}, {"first_name", s.firstName()}, {"middle_name", s.middleName()},
                {"last_name", s.lastName()}, {"birth_date", s.birthDate()}, {"email", s.email()}, {"phone", s.phone()},
                {"postal_code", s.postalCode()}};
        for (String[] field : fields) {
            String value = field[1];
            if (value == null) {
                continue;
            }
            if (value.indexOf('\uFFFD') >= 0) {
                return new RosterProblem(RejectReason.UNUSABLE_CHARACTER, field[0] + " holds U+FFFD, the mark of a letter"
                        + " lost when the file was saved or decoded");
            }
            if (field[0].endsWith("_name") && value.indexOf('?') >= 0) {
                return new RosterProblem(RejectReason.UNUSABLE_CHARACTER, field[0] + " holds '?', which usually stands for a"
                        + " letter lost when the file was saved in an encoding without it (Excel's \"CSV (Comma delimited)\")");
            }
            boolean control = value.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL
                    || Character.getType(cp) == Character.SURROGATE);
            if (control) {
                // a line break or tab is typed into a cell (Alt+Enter), not lost by an encoding: saying so is the fix
                boolean typed = value.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\t');
                return new RosterProblem(RejectReason.UNUSABLE_CHARACTER, field[0] + (typed
                        ? " holds a line break or a tab (Alt+Enter in a spreadsheet cell): take it out of the cell"
                        : " holds a control character"));
            }
        }
        return null;
    }

    /** A field's length as the contract counts it: Unicode code points of the trimmed value (as it is sent). */
    static int length(String value) {
        String trimmed = UnicodeSpace.strip(value);
        return trimmed.codePointCount(0, trimmed.length());
    }

    private static RosterProblem firstTooLong(RosterStudent s) {
        Object[][] limits = {{"local_id", s.localId(), 64}, {"first_name", s.firstName(), 100},
                {"middle_name", s.middleName(), 100}, {"last_name", s.lastName(), 100}, {"email", s.email(), 254},
                {"phone", s.phone(), 32}, {"postal_code", s.postalCode(), 16}};
        for (Object[] limit : limits) {
            String value = (String) limit[1];
            if (value != null && length(value) > (int) limit[2]) {
                return new RosterProblem(RejectReason.STUDENT_FIELD_TOO_LONG, limit[0] + " is longer than " + limit[2] + " characters");
            }
        }
        return null;
    }

    /** Present when anything but spaces is left, no-break spaces included (see {@link UnicodeSpace}). */
    private static boolean present(String value) {
        return !UnicodeSpace.isBlank(value);
    }
}
