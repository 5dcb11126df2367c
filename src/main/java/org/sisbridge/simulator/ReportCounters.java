package org.sisbridge.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** What the report endpoints served, so tests can check which reports a client fetched and how often. */
public final class ReportCounters {
    private final LongAdder listings = new LongAdder();
    private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();

    /** Listing requests answered 200. */
    public long listings() {
        return listings.sum();
    }

    /** Download requests of a report answered 200 (including the spoiled ones), whatever its version. */
    public int downloads(String reportId) {
        AtomicInteger n = downloads.get(reportId);
        return n == null ? 0 : n.get();
    }

    public int downloadsTotal() {
        return downloads.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    void listed() {
        listings.increment();
    }

    /** @return which download of this report this is: 1 for the first */
    int downloaded(String reportId) {
        return downloads.computeIfAbsent(reportId, id -> new AtomicInteger()).incrementAndGet();
    }
}
