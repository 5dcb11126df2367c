package org.sisbridge.simulator;

import java.util.Map;

/**
 * What a full walk through one MIS code's feed delivers: distinct events per anomaly kind
 * (redelivered copies not counted) and how many redelivered copies come on top.
 */
public record FeedExpectation(long distinctEvents, Map<EventAnomaly, Long> byAnomaly, long redeliveredCopies) {

    public FeedExpectation {
        byAnomaly = Map.copyOf(byAnomaly);
    }

    public long count(EventAnomaly a) {
        return byAnomaly.getOrDefault(a, 0L);
    }

    /** Everything a full walk serves, copies included. */
    public long totalServed() {
        return distinctEvents + redeliveredCopies;
    }
}
