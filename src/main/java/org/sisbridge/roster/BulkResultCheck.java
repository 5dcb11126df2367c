package org.sisbridge.roster;

import java.util.Optional;
import java.util.Set;
import org.sisbridge.dictionary.CccidFormat;

/**
 * Whether one student's entry of a COMPLETE bulk job can be stored as it came: an outcome of the
 * contract, a CCCID of the dictionary's form where there is one, and matchedOn within its column.
 * A result that fails settles only that student (ERROR, {@code UPSTREAM_RESULT_INVALID}) and stores
 * nothing of it, so one bad entry can never fail the transaction of the whole batch again and again.
 * The problem is described by sizes, never by quoting the value: upstream text is not trusted.
 * matchedOn is only held to its column's length: what it says is stored as sent (the results CSV
 * neutralizes formula-like values, see SpreadsheetSafeCell).
 */
final class BulkResultCheck {

    /** The dictionary's lengths: cccid_result.matched_on. */
    static final int MAX_MATCHED_ON = 200;
    private static final Set<String> OUTCOMES = Set.of("CREATED", "EXISTING", "REJECTED");

    private BulkResultCheck() {
    }

    /** @return why the result cannot be stored, or empty when it can */
    static Optional<String> problem(StudentResult r) {
        if (!OUTCOMES.contains(r.outcome())) {
            return Optional.of("the outcome (" + length(r.outcome()) + " characters) is not CREATED, EXISTING or REJECTED");
        }
        boolean needsCccid = !"REJECTED".equals(r.outcome());
        if ((needsCccid || r.cccid() != null) && !CccidFormat.isValid(r.cccid())) {
            return Optional.of(r.cccid() == null ? "the " + r.outcome() + " result carries no CCCID"
                    : "the CCCID (" + r.cccid().length() + " characters) does not have the CCCID form");
        }
        int matchedOn = r.matchedOn().isEmpty() ? 0 : String.join(",", r.matchedOn()).length();
        if (matchedOn > MAX_MATCHED_ON) {
            return Optional.of("matchedOn (" + matchedOn + " characters) is longer than the dictionary's " + MAX_MATCHED_ON);
        }
        return Optional.empty();
    }

    private static int length(String value) {
        return value == null ? 0 : value.length();
    }
}
