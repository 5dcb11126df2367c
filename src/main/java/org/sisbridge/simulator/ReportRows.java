package org.sisbridge.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Walks a range of event indexes (forwards, or backwards for a re-issued report) and yields the
 * report row of each event whose timestamp falls in the period; events whose change is not
 * reported are skipped. One row at a time, so a report of any size costs no memory.
 */
final class ReportRows implements Iterator<ReportRow> {
    private final ReportRowGenerator generator;
    private final String misCode;
    private final long from;
    private final long to;
    private final LocalDate first;
    private final LocalDate last;
    private final boolean backwards;
    private long position;
    private long remaining = Long.MAX_VALUE;
    private ReportRow next;

    /** @param first first day of the period, null for no limit; {@code last} likewise */
    ReportRows(ReportRowGenerator generator, String misCode, long from, long to, LocalDate first, LocalDate last,
               boolean backwards) {
        this.generator = generator;
        this.misCode = misCode;
        this.from = from;
        this.to = to;
        this.first = first;
        this.last = last;
        this.backwards = backwards;
        this.position = backwards ? to - 1 : from;
    }

    ReportRows limit(long maxRows) {
        remaining = maxRows;
        return this;
    }

    @Override
    public boolean hasNext() {
        while (next == null && remaining > 0 && position >= from && position < to) {
            long index = position;
            position += backwards ? -1 : 1;
            Instant at = generator.eventTime(misCode, index);
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
            if ((first == null || !day.isBefore(first)) && (last == null || !day.isAfter(last))) {
                next = generator.row(misCode, index, at);
            }
        }
        return next != null;
    }

    @Override
    public ReportRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ReportRow row = next;
        next = null;
        remaining--;
        return row;
    }
}
