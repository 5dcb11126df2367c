package org.sisbridge.simulator;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The duplicate rules' comparison forms: e-mail ignoring case; first name, last name and birth
 * date after trimming and ignoring case and accents ("José " matches "jose").
 */
final class AccountIdentity {
    private AccountIdentity() {
    }

    /**
     * Lower case, and the domain in its A-label form: the contract lets a domain arrive as Unicode
     * or as A-label (the agent sends A-labels), and both spellings are one address.
     */
    static String emailKey(String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        String key = email.trim().toLowerCase(Locale.ROOT);
        int at = key.lastIndexOf('@');
        if (at < 0 || key.substring(at + 1).chars().allMatch(c -> c < 0x80)) {
            return key;
        }
        try {
            return key.substring(0, at + 1) + java.net.IDN.toASCII(key.substring(at + 1)).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notADomainName) {
            return key;
        }
    }

    static String nameKey(String firstName, String lastName, String birthDate) {
        if (firstName == null || lastName == null || birthDate == null) {
            return null;
        }
        return fold(firstName) + "|" + fold(lastName) + "|" + birthDate.trim();
    }

    /** Digits only, so "+1 (555) 000-0001" and "+15550000001" are the same number. */
    static String phoneKey(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        return digits.length() == 10 ? "1" + digits : digits;
    }

    static String fold(String name) {
        String mapped = name.trim().toLowerCase(Locale.ROOT)
                .replace("ø", "o").replace("ł", "l").replace("đ", "d").replace("ß", "ss").replace("æ", "ae");
        return Normalizer.normalize(mapped, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replaceAll("\\s+", " ");
    }
}
