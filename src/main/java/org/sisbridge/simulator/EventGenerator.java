package org.sisbridge.simulator;

import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds event i of a MIS code from (seed, MIS code, i) alone: event i is the k = i / N -th status
 * change of student s = i % N. All per-event choices come from one SplittableRandom seeded by the
 * event's hash, drawn in a fixed order, so the same event always comes out byte for byte equal.
 */
final class EventGenerator {
    private static final HexFormat HEX = HexFormat.of();
    static final String UPDATE_PROFILE = "UPDATE_PROFILE";
    static final String FEDERATED_IDENTITY_LINK = "FEDERATED_IDENTITY_LINK";
    private static final List<String> UNKNOWN_TYPES = List.of("ACCOUNT_MERGE", "PROFILE_DELETE", "VERIFICATION_LEVEL_CHANGE");
    private static final long JITTER_MILLIS = 60_000; // more than the spacing: neighbours sometimes swap order

    private final long seed;
    private final StudentPopulation population;
    private final StatusHistory history;
    private final AnomalyDecorator anomalies;

    EventGenerator(long seed, StudentPopulation population, String wrongMisCode) {
        this.seed = seed;
        this.population = population;
        this.history = new StatusHistory(seed);
        this.anomalies = new AnomalyDecorator(wrongMisCode);
    }

    SimulatedEvent event(String misCode, long misKey, long index, EventAnomaly anomaly) {
        long n = population.size();
        long s = index % n;
        StatusChange change = history.change(s, index / n);
        SimulatedStudent student = population.student(s);
        SplittableRandom rnd = new SplittableRandom(FeedHash.of(seed, FeedHash.EVENT_DETAILS, misKey, index));

        long idHash = FeedHash.of(seed, FeedHash.EVENT_ID, misKey, index);
        // two 16-digit lower-case hex halves, as %016x%016x would write them (String.format costs more than the event)
        String eventId = HEX.toHexDigits(idHash) + HEX.toHexDigits(FeedHash.mix(idHash ^ 0x5DEECE66DL));
        String timestamp = WireTimestamps.format(WireTimestamps.slot(index).plusMillis(rnd.nextLong(JITTER_MILLIS)));
        String eventType = DocumentedTransitions.VERIFIED.equals(change.current()) && rnd.nextBoolean()
                ? FEDERATED_IDENTITY_LINK : UPDATE_PROFILE;

        // A changed name or e-mail is what sends a verified student to unverified, so show it there more often.
        double profileChange = DocumentedTransitions.UNVERIFIED.equals(change.current()) ? 0.6 : 0.1;
        String previousFirst = rnd.nextDouble() < profileChange / 3
                ? pickOther(StudentNames.FIRST, student.firstName(), rnd) : null;
        String previousLast = rnd.nextDouble() < profileChange / 2
                ? pickOther(StudentNames.LAST, student.lastName(), rnd) : null;
        String domain = student.email().substring(student.email().indexOf('@') + 1);
        String previousEmail = rnd.nextDouble() < profileChange / 3
                ? student.email().replace("@" + domain, "@" + pickOther(StudentNames.EMAIL_DOMAINS, domain, rnd)) : null;
        String level = rnd.nextDouble() < 0.1 ? "IAL2" : null;

        var fields = new PayloadFields(student.cccid(), student.firstName(), previousFirst,
                student.lastName(), previousLast, student.email(), previousEmail, change.current(), change.previous(),
                confirmedAt(s, change.confirmedAtStep()), level);
        var draft = new SimulatedEvent(index, eventId, eventType, timestamp, misCode, null, anomaly,
                fields.cccid(), fields.firstName(), fields.lastName(), fields.email(), fields.idmeStatus(),
                fields.previousIdmeStatus());
        return anomalies.apply(draft, fields, rnd, UNKNOWN_TYPES);
    }

    private String confirmedAt(long s, long step) {
        if (step >= 0) {
            return WireTimestamps.format(WireTimestamps.slot(step * population.size() + s));
        }
        long intoYear = Long.remainderUnsigned(FeedHash.of(seed, FeedHash.STUDENT_START, s, 1), 365L * 86_400_000L);
        return WireTimestamps.format(WireTimestamps.STAFF_ERA_START.plusMillis(intoYear));
    }

    /** Any value but the current one: a "previous" value equal to the current one would say nothing changed. */
    private static String pickOther(List<String> values, String current, SplittableRandom rnd) {
        int i = rnd.nextInt(values.size());
        return values.get(values.get(i).equals(current) ? (i + 1) % values.size() : i);
    }
}
