package org.sisbridge.simulator;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The server-side field checks of one student; a student with any error is REJECTED, not created. */
final class AccountFieldRules {
    /**
     * Loose on purpose, like a server that leaves delivery to mail: one @, no spaces, a dotted domain, in
     * A-label (what the agent sends, contract Student.email) or Unicode form. The agent's own check
     * (EmailAddress) is the strict one.
     */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern POSTAL_CODE = Pattern.compile("[0-9]{5}(-[0-9]{4})?");
    private static final int MINIMUM_AGE = 13;

    private final boolean emailRequired;

    AccountFieldRules(boolean emailRequired) {
        this.emailRequired = emailRequired;
    }

    List<AccountFieldError> check(BulkStudent s, LocalDate today) {
        List<AccountFieldError> errors = new ArrayList<>();
        text(errors, "firstName", s.firstName(), true, 100);
        text(errors, "middleName", s.middleName(), false, 100);
        text(errors, "lastName", s.lastName(), true, 100);
        birthDate(errors, s.birthDate(), today);
        if (text(errors, "email", s.email(), emailRequired, 256) && !EMAIL.matcher(s.email().trim()).matches()) {
            errors.add(new AccountFieldError("email", "INVALID_FORMAT", "email is not an e-mail address"));
        }
        String phone = AccountIdentity.phoneKey(s.phone());
        if (phone != null && (phone.length() < 11 || phone.length() > 15)) {
            errors.add(new AccountFieldError("phone", "INVALID_FORMAT", "phone must have 10 to 15 digits"));
        }
        if (s.postalCode() != null && !s.postalCode().isBlank() && !POSTAL_CODE.matcher(s.postalCode().trim()).matches()) {
            errors.add(new AccountFieldError("postalCode", "INVALID_FORMAT", "postalCode must be a US ZIP code"));
        }
        return errors;
    }

    /** @return true when the value is present and within its length (in Unicode code points, as the contract says) */
    private static boolean text(List<AccountFieldError> errors, String field, String value, boolean required, int max) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new AccountFieldError(field, "REQUIRED", field + " is required"));
            }
            return false;
        }
        if (value.codePointCount(0, value.length()) > max) { // the contract counts code points
            errors.add(new AccountFieldError(field, "TOO_LONG", field + " is longer than " + max + " characters"));
            return false;
        }
        return true;
    }

    private static void birthDate(List<AccountFieldError> errors, String value, LocalDate today) {
        if (value == null || value.isBlank()) {
            errors.add(new AccountFieldError("birthDate", "REQUIRED", "birthDate is required"));
            return;
        }
        try {
            LocalDate date = LocalDate.parse(value.trim());
            if (date.isAfter(today) || Period.between(date, today).getYears() < MINIMUM_AGE) {
                errors.add(new AccountFieldError("birthDate", "TOO_YOUNG", "the student must be at least " + MINIMUM_AGE));
            }
        } catch (DateTimeParseException e) {
            errors.add(new AccountFieldError("birthDate", "INVALID_DATE", "birthDate is not a yyyy-MM-dd calendar date"));
        }
    }
}
