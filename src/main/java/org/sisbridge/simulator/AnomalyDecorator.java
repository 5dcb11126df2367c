package org.sisbridge.simulator;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Turns a well-formed draft event into the event actually served, spoiling exactly the one thing
 * its anomaly names and leaving the rest valid, so a client's handling of each fault can be
 * checked on its own.
 */
final class AnomalyDecorator {
    private final String wrongMisCode;

    AnomalyDecorator(String wrongMisCode) {
        this.wrongMisCode = wrongMisCode;
    }

    SimulatedEvent apply(SimulatedEvent draft, PayloadFields f, SplittableRandom rnd, List<String> unknownTypes) {
        String eventType = draft.eventType();
        String misCode = draft.misCode();
        boolean truncate = false;
        switch (draft.anomaly()) {
            case MALFORMED_PAYLOAD -> truncate = true;
            case OVERSIZE_FIELD -> f = oversize(f, rnd);
            case UNKNOWN_EVENT_TYPE -> eventType = unknownTypes.get(rnd.nextInt(unknownTypes.size()));
            case UNDOCUMENTED_TRANSITION -> {
                var undocumented = DocumentedTransitions.UNDOCUMENTED;
                String[] t = undocumented.get(rnd.nextInt(undocumented.size()));
                f = f.withStatus(t[0], t[1]);
            }
            case INVALID_CCCID -> f = f.withCccid(invalidCccid(f.cccid(), rnd));
            case WRONG_MIS_CODE -> misCode = wrongMisCode;
            default -> { }
        }
        String payload = EventPayloadWriter.write(f);
        if (truncate) {
            payload = EventPayloadWriter.truncate(payload, rnd.nextDouble());
        }
        return new SimulatedEvent(draft.index(), draft.eventId(), eventType, draft.eventTimestamp(), misCode, payload,
                draft.anomaly(), f.cccid(), f.firstName(), f.lastName(), f.email(), f.idmeStatus(),
                f.previousIdmeStatus());
    }

    /** One field just over its limit (names 100, e-mail 256); the whole payload stays well under 2000. */
    private static PayloadFields oversize(PayloadFields f, SplittableRandom rnd) {
        int extra = rnd.nextInt(60);
        switch (rnd.nextInt(3)) {
            case 0:
                return f.withNames(repeatTo(f.firstName() + " ", 101 + extra), f.lastName(), f.email());
            case 1:
                return f.withNames(f.firstName(), repeatTo(f.lastName() + "-", 101 + extra), f.email());
            default:
                int at = f.email().indexOf('@');
                String domain = f.email().substring(at);
                String local = repeatTo(f.email().substring(0, at) + ".", 257 + extra - domain.length());
                return f.withNames(f.firstName(), f.lastName(), local + domain);
        }
    }

    private static String invalidCccid(String valid, SplittableRandom rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> valid.substring(0, 2) + (1 + rnd.nextInt(9)) + valid.substring(3); // AB12345: a digit where a letter belongs
            case 1 -> "IO" + valid.substring(2);                                         // I and O are never used
            case 2 -> valid.toLowerCase(Locale.ROOT);
            case 3 -> valid.substring(0, 3) + "0000";                                    // digits run 0001..9999
            default -> valid.substring(0, 6);                                            // too short
        };
    }

    private static String repeatTo(String unit, int length) {
        return unit.repeat(length / unit.length() + 1).substring(0, length);
    }
}
