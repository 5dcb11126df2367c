package org.sisbridge.roster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The sha256 (hex) of a student's fields as the SIS source query gave them, normalized so that only a
 * change a person made counts: surrounding spaces, the e-mail's case and the birth date's form
 * (a DATE column or 1/2/2005 text) do not. A REJECTED student is queued again only when this changes.
 */
final class StudentFingerprint {

    private static final char SEPARATOR = '\u001F';

    private StudentFingerprint() {
    }

    static String of(String misCode, RosterStudent s) {
        String birth = RosterValidator.parseBirthDate(s.birthDate()).map(LocalDate::toString).orElse(normalized(s.birthDate()));
        String text = String.join(String.valueOf(SEPARATOR), misCode, normalized(s.localId()), normalized(s.firstName()),
                normalized(s.middleName()), normalized(s.lastName()), birth, normalized(s.email()).toLowerCase(Locale.ROOT),
                normalized(s.phone()), normalized(s.postalCode()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String normalized(String value) {
        String v = UnicodeSpace.stripToNull(value);
        return v == null ? "" : v;
    }
}
