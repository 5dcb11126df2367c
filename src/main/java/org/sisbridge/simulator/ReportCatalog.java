package org.sisbridge.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status change reports the simulator offers: one DAILY report per day of the event feed and
 * one WEEKLY report per week (Monday to Sunday), each holding the status changes of the events
 * sent that day or week. Rows are generated when written, never stored; only each report
 * version's sha256, row count and size are kept once computed.
 *
 * <p>Tests steer it while it runs: {@link #publishDays} holds back the later days (new reports
 * appear when it is raised) and {@link #reissue} lists a report again with new bytes.
 */
public final class ReportCatalog {
    private static final long DAY_MILLIS = 86_400_000L;
    /** The first day of the simulated reports: the agent finds them with sisbridge.reports.start-date on or before it. */
    public static final LocalDate FIRST_DAY = LocalDate.ofInstant(WireTimestamps.FEED_START, ZoneOffset.UTC);

    /** One report version. Revision 0 is the original; a re-issue lists the same rows in another order. */
    public record Entry(String reportId, String misCode, String period, LocalDate periodStart, LocalDate periodEnd,
                        int revision) {
        public String href() {
            return "/v1/colleges/" + misCode + "/reports/idme-status-change/" + reportId + ".csv";
        }
    }

    public record Fingerprint(String sha256, long rows, long bytes) {
    }

    private final EventFeed feed;
    private final ReportSettings settings;
    private final ReportRowGenerator generator;
    private final int dayCount;
    private final Map<String, Integer> revisions = new ConcurrentHashMap<>();
    private final Map<Entry, Fingerprint> fingerprints = new ConcurrentHashMap<>();
    private volatile int publishedDays;

    public ReportCatalog(SimulatorSettings settings, EventFeed feed) {
        this.feed = feed;
        this.settings = settings.reports.copy();
        this.generator = new ReportRowGenerator(settings.seed, feed, this.settings.badRowRate);
        this.dayCount = (int) ((feed.size() - 1) * WireTimestamps.EVENT_SPACING_MILLIS / DAY_MILLIS) + 1;
        this.publishedDays = dayCount;
    }

    /** Reports of a MIS code whose period ends on or after {@code since}, oldest first. */
    public List<Entry> reports(String misCode, LocalDate since) {
        List<Entry> entries = new ArrayList<>();
        int days = Math.min(publishedDays, dayCount);
        for (int d = 0; d < days; d++) {
            LocalDate day = FIRST_DAY.plusDays(d);
            entries.add(entry(misCode + "-DAILY-" + day, misCode, "DAILY", day, day));
            boolean weekComplete = d % 7 == 6 || d == dayCount - 1;
            if (settings.weekly && weekComplete) {
                LocalDate monday = FIRST_DAY.plusDays(d - d % 7);
                entries.add(entry(misCode + "-WEEKLY-" + monday, misCode, "WEEKLY", monday, monday.plusDays(6)));
            }
        }
        entries.removeIf(e -> since != null && e.periodEnd().isBefore(since));
        return entries;
    }

    public Optional<Entry> find(String misCode, String reportId) {
        return reports(misCode, null).stream().filter(e -> e.reportId().equals(reportId)).findFirst();
    }

    /** Offer only the first {@code days} days' reports (and the weeks they complete); the rest appear later. */
    public void publishDays(int days) {
        this.publishedDays = days;
    }

    /** List the report again as a new version: same rows, another order, so another sha256. */
    public void reissue(String reportId) {
        revisions.merge(reportId, 1, Integer::sum);
    }

    public Fingerprint fingerprint(Entry entry) {
        return fingerprints.computeIfAbsent(entry, e -> {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                CountingStream counted = new CountingStream();
                long[] rows = {0};
                new ReportCsvWriter(settings).write(new DigestOutputStream(counted, sha), rows(e), (r, l) -> rows[0]++);
                return new Fingerprint(HexFormat.of().formatHex(sha.digest()), rows[0], counted.bytes);
            } catch (IOException | NoSuchAlgorithmException ex) {
                throw new IllegalStateException("cannot fingerprint report " + e.reportId(), ex);
            }
        });
    }

    public void write(Entry entry, OutputStream out) throws IOException {
        new ReportCsvWriter(settings).write(out, rows(entry));
    }

    public void write(Entry entry, OutputStream out, ReportCsvWriter.LineListener listener) throws IOException {
        new ReportCsvWriter(settings).write(out, rows(entry), listener);
    }

    /** The rows of one report version, generated as they are read. */
    public Iterator<ReportRow> rows(Entry entry) {
        long from = Math.max(0, firstIndexOfDay(daysSinceStart(entry.periodStart())) - 2);
        long to = Math.min(feed.size(), firstIndexOfDay(daysSinceStart(entry.periodEnd()) + 1) + 2);
        return new ReportRows(generator, entry.misCode(), from, to, entry.periodStart(), entry.periodEnd(),
                entry.revision() % 2 == 1);
    }

    /** Rows of the whole feed in event order, up to {@code maxRows}: a backfill report, for the benchmark. */
    public Iterator<ReportRow> backfill(String misCode, long maxRows) {
        return new ReportRows(generator, misCode, 0, feed.size(), null, null, false).limit(maxRows);
    }

    public List<String> servedMisCodes() {
        return feed.servedMisCodes();
    }

    public ReportSettings settings() {
        return settings.copy();
    }

    private Entry entry(String id, String mis, String period, LocalDate start, LocalDate end) {
        return new Entry(id, mis, period, start, end, revisions.getOrDefault(id, 0));
    }

    private static long daysSinceStart(LocalDate day) {
        return day.toEpochDay() - FIRST_DAY.toEpochDay();
    }

    private static long firstIndexOfDay(long day) {
        return (day * DAY_MILLIS + WireTimestamps.EVENT_SPACING_MILLIS - 1) / WireTimestamps.EVENT_SPACING_MILLIS;
    }

    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
