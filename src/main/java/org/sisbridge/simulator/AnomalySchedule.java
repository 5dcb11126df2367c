package org.sisbridge.simulator;

/**
 * Decides, per event, its anomaly and whether it is redelivered. Each decision is one hash of
 * (seed, MIS code, index), so counting them over a ten-million-event feed takes a fraction of a
 * second and never builds an event.
 */
final class AnomalySchedule {
    /** Draw order of the cumulative rates; it is part of the determinism, do not reorder. */
    private static final EventAnomaly[] ORDER = {
        EventAnomaly.MALFORMED_PAYLOAD, EventAnomaly.OVERSIZE_FIELD, EventAnomaly.UNKNOWN_EVENT_TYPE,
        EventAnomaly.UNDOCUMENTED_TRANSITION, EventAnomaly.INVALID_CCCID, EventAnomaly.WRONG_MIS_CODE};
    /** How far back a redelivered copy may reach. */
    private static final int REDELIVERY_WINDOW = 50;

    private final long seed;
    private final double[] cumulative = new double[ORDER.length];
    private final double redeliveryRate;

    AnomalySchedule(SimulatorSettings settings) {
        this.seed = settings.seed;
        this.redeliveryRate = settings.redeliveryRate;
        double[] rates = {settings.malformedPayloadRate, settings.oversizeFieldRate, settings.unknownEventTypeRate,
                settings.undocumentedTransitionRate, settings.invalidCccidRate, settings.wrongMisCodeRate};
        double sum = 0;
        for (int a = 0; a < rates.length; a++) {
            sum += rates[a];
            cumulative[a] = sum;
        }
    }

    EventAnomaly anomaly(long misKey, long index) {
        double u = FeedHash.unit(FeedHash.of(seed, FeedHash.ANOMALY, misKey, index));
        for (int a = 0; a < ORDER.length; a++) {
            if (u < cumulative[a]) {
                return ORDER[a];
            }
        }
        return EventAnomaly.NONE;
    }

    /** Whether the page holding event i also carries, right after it, a copy of an earlier event. */
    boolean redelivered(long misKey, long index) {
        return index > 0 && FeedHash.unit(FeedHash.of(seed, FeedHash.REDELIVERY, misKey, index)) < redeliveryRate;
    }

    /** The earlier event whose copy follows event i: one of the up to 50 events before it. */
    long redeliveryTarget(long misKey, long index) {
        long h = FeedHash.of(seed, FeedHash.REDELIVERY_TARGET, misKey, index);
        return index - 1 - Long.remainderUnsigned(h, Math.min(index, REDELIVERY_WINDOW));
    }
}
