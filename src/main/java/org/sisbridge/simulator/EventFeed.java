package org.sisbridge.simulator;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deterministic feed: event i of a MIS code is a pure function of (seed, misCode, i). Nothing
 * is held in memory, so ten million events per MIS code cost no more than ten.
 */
public final class EventFeed {
    private final long size;
    private final List<String> servedMisCodes;
    private final String wrongMisCode;
    private final StudentPopulation population;
    private final AnomalySchedule schedule;
    private final EventGenerator generator;
    private final Map<String, FeedExpectation> expectations = new ConcurrentHashMap<>();

    public EventFeed(SimulatorSettings settings) {
        settings.validate();
        this.size = settings.eventsPerMisCode;
        this.servedMisCodes = List.copyOf(settings.misCodes);
        this.wrongMisCode = firstUnservedCode(servedMisCodes);
        this.population = new StudentPopulation(settings.seed, Math.max(50, size / 4));
        this.schedule = new AnomalySchedule(settings);
        this.generator = new EventGenerator(settings.seed, population, wrongMisCode);
    }

    public SimulatedEvent event(String misCode, long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("event " + index + " outside 0.." + (size - 1));
        }
        long misKey = FeedHash.key(misCode);
        return generator.event(misCode, misKey, index, schedule.anomaly(misKey, index));
    }

    /** Counts over the whole feed of one MIS code; computed once from the cheap per-event draws. */
    public FeedExpectation expectation(String misCode) {
        return expectations.computeIfAbsent(misCode, this::countWholeFeed);
    }

    /** Distinct events per MIS code (eventsPerMisCode). */
    public long size() {
        return size;
    }

    public StudentPopulation population() {
        return population;
    }

    /** The misCode that WRONG_MIS_CODE events carry: one this upstream does not serve. */
    public String wrongMisCode() {
        return wrongMisCode;
    }

    public List<String> servedMisCodes() {
        return servedMisCodes;
    }

    boolean redelivered(String misCode, long index) {
        return schedule.redelivered(FeedHash.key(misCode), index);
    }

    long redeliveryTarget(String misCode, long index) {
        return schedule.redeliveryTarget(FeedHash.key(misCode), index);
    }

    private FeedExpectation countWholeFeed(String misCode) {
        long misKey = FeedHash.key(misCode);
        long[] counts = new long[EventAnomaly.values().length];
        long copies = 0;
        for (long i = 0; i < size; i++) {
            counts[schedule.anomaly(misKey, i).ordinal()]++;
            if (schedule.redelivered(misKey, i)) {
                copies++;
            }
        }
        Map<EventAnomaly, Long> byAnomaly = new EnumMap<>(EventAnomaly.class);
        for (EventAnomaly a : EventAnomaly.values()) {
            byAnomaly.put(a, counts[a.ordinal()]);
        }
        return new FeedExpectation(size, byAnomaly, copies);
    }

    private static String firstUnservedCode(List<String> served) {
        for (int code = 999; code >= 100; code--) {
            String candidate = Integer.toString(code);
            if (!served.contains(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("every numeric MIS code is served; no code left for WRONG_MIS_CODE");
    }
}
