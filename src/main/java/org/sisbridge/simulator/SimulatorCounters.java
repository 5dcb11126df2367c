package org.sisbridge.simulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread-safe counters of what was served, so tests can compare with what the agent stored.
 * Everything is counted before the response body goes out, so a client that has read a response
 * already sees it counted.
 */
public final class SimulatorCounters {
    private static final int LOG_CAPACITY = 1000;

    private final LongAdder tokensIssued = new LongAdder();
    private final LongAdder eventRequests = new LongAdder();
    private final LongAdder eventsServed = new LongAdder();
    private final LongAdder redeliveredCopiesServed = new LongAdder();
    private final LongAdder prerenderedPagesServed = new LongAdder();
    private final Map<Integer, LongAdder> responses = new ConcurrentHashMap<>();
    private final Deque<RequestRecord> eventRequestLog = new ArrayDeque<>();

    public long tokensIssued() {
        return tokensIssued.sum();
    }

    /** Requests to the events API, whatever they were answered with. */
    public long eventRequests() {
        return eventRequests.sum();
    }

    /** Events in 200 responses, redelivered copies included. */
    public long eventsServed() {
        return eventsServed.sum();
    }

    public long redeliveredCopiesServed() {
        return redeliveredCopiesServed.sum();
    }

    /** Events pages answered with bytes rendered before the simulator listened ({@link PrerenderedPages}). */
    public long prerenderedPagesServed() {
        return prerenderedPagesServed.sum();
    }

    /** Responses with this status, over every endpoint (token, events, health, unknown paths). */
    public long responses(int httpStatus) {
        LongAdder n = responses.get(httpStatus);
        return n == null ? 0 : n.sum();
    }

    /** The last 1000 events-API requests, oldest first. */
    public synchronized List<RequestRecord> eventRequestLog() {
        return List.copyOf(new ArrayList<>(eventRequestLog));
    }

    public synchronized void reset() {
        tokensIssued.reset();
        eventRequests.reset();
        eventsServed.reset();
        redeliveredCopiesServed.reset();
        prerenderedPagesServed.reset();
        responses.clear();
        eventRequestLog.clear();
    }

    void tokenIssued() {
        tokensIssued.increment();
    }

    void served(long events, long copies) {
        eventsServed.add(events);
        redeliveredCopiesServed.add(copies);
    }

    void prerenderedPageServed() {
        prerenderedPagesServed.increment();
    }

    void response(int status) {
        responses.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    synchronized void eventRequest(Instant receivedAt, int status, String query) {
        eventRequests.increment();
        if (eventRequestLog.size() == LOG_CAPACITY) {
            eventRequestLog.removeFirst();
        }
        eventRequestLog.addLast(new RequestRecord(receivedAt, status, query));
    }
}
