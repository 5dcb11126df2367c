package org.sisbridge.simulator;

import java.util.List;

/** What the bulk job decided for one student: CREATED, EXISTING (with matchedOn) or REJECTED (with errors); in mode match-only MATCHED or NOT_FOUND. */
record AccountOutcome(String localId, String outcome, String cccid, List<String> matchedOn,
                      List<AccountFieldError> errors) {

    static AccountOutcome created(String localId, String cccid) {
        return new AccountOutcome(localId, "CREATED", cccid, List.of(), List.of());
    }

    static AccountOutcome existing(String localId, String cccid, List<String> matchedOn) {
        return new AccountOutcome(localId, "EXISTING", cccid, matchedOn, List.of());
    }

    static AccountOutcome matched(String localId, String cccid, List<String> matchedOn) {
        return new AccountOutcome(localId, "MATCHED", cccid, matchedOn, List.of());
    }

    static AccountOutcome notFound(String localId) {
        return new AccountOutcome(localId, "NOT_FOUND", null, List.of(), List.of());
    }

    static AccountOutcome rejected(String localId, List<AccountFieldError> errors) {
        return new AccountOutcome(localId, "REJECTED", null, List.of(), errors);
    }
}
