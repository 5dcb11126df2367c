package org.sisbridge.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Report row for event i of a MIS code, from the same population and status history as the feed:
 * the k = i / N -th status change of student s = i % N, stamped with the event's own timestamp
 * (to the minute). The row carries the true change, whatever wire anomaly the event was given;
 * a change from "never verified" is not reported (the report lists only applications with a status).
 */
final class ReportRowGenerator {
    private static final long APP_ID = 0xA1;
    private static final long APP_SUBMIT = 0xA2;
    private static final long BAD_ROW = 0xA3;
    private static final long BAD_ROW_KIND = 0xA4;
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter US_FORM = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm").withZone(ZoneOffset.UTC);
    private static final ReportRowAnomaly[] KINDS = ReportRowAnomaly.values();

    private final long seed;
    private final EventFeed feed;
    private final StatusHistory history;
    private final double badRowRate;

    ReportRowGenerator(long seed, EventFeed feed, double badRowRate) {
        this.seed = seed;
        this.feed = feed;
        this.history = new StatusHistory(seed);
        this.badRowRate = badRowRate;
    }

    /** When event i happened, as the feed sent it. */
    Instant eventTime(String misCode, long index) {
        return Instant.parse(feed.event(misCode, index).eventTimestamp());
    }

    /** @return the row of event i, or null when its change is not one a report lists */
    ReportRow row(String misCode, long index, Instant changedAt) {
        long n = feed.population().size();
        long s = index % n;
        long k = index / n;
        StatusChange change = history.change(s, k);
        if (change.previous() == null) {
            return null;
        }
        long previousConfirmedAt = k == 0 ? -1 : history.change(s, k - 1).confirmedAtStep();
        Instant submitted = WireTimestamps.STAFF_ERA_START.plusSeconds(
                60 * Long.remainderUnsigned(FeedHash.of(seed, APP_SUBMIT, s), 365L * 24 * 60));
        String optin = MINUTES.format(submitted.plusSeconds(300));
        long appId = 1_000_000_000L + Long.remainderUnsigned(FeedHash.of(seed, APP_ID, s), 9_000_000_000_000_000L);
        ReportRow row = new ReportRow(index, ReportRowAnomaly.NONE, misCode, feed.population().cccid(s),
                Long.toString(appId), MINUTES.format(submitted), change.previous(), optin,
                confirmation(s, previousConfirmedAt, change.previous()), change.current(), optin,
                confirmation(s, change.confirmedAtStep(), change.current()), MINUTES.format(changedAt));
        return spoil(row, FeedHash.key(misCode), submitted);
    }

    /** The latest verification's time; empty for a status that never had one (none here: all come after one). */
    private String confirmation(long s, long step, String status) {
        if (status == null) {
            return "";
        }
        if (step >= 0) {
            return MINUTES.format(WireTimestamps.slot(step * feed.population().size() + s));
        }
        long intoYear = Long.remainderUnsigned(FeedHash.of(seed, FeedHash.STUDENT_START, s, 1), 365L * 86_400_000L);
        return MINUTES.format(WireTimestamps.STAFF_ERA_START.plusMillis(intoYear));
    }

    private ReportRow spoil(ReportRow r, long misKey, Instant submitted) {
        if (badRowRate <= 0 || FeedHash.unit(FeedHash.of(seed, BAD_ROW, misKey, r.eventIndex())) >= badRowRate) {
            return r;
        }
        ReportRowAnomaly a = KINDS[1 + (int) Long.remainderUnsigned(FeedHash.of(seed, BAD_ROW_KIND, misKey, r.eventIndex()), KINDS.length - 1)];
        return switch (a) {
            case TIMESTAMP_FORM -> with(r, a, r.misCode(), r.cccid(), r.latestAppId(), US_FORM.format(submitted), r.previousStatus(), r.currentStatus());
            case UNKNOWN_STATUS -> with(r, a, r.misCode(), r.cccid(), r.latestAppId(), r.latestAppSubmitted(), r.previousStatus(), "pending_review");
            case NULL_PREVIOUS_STATUS -> with(r, a, r.misCode(), r.cccid(), r.latestAppId(), r.latestAppSubmitted(), "", r.currentStatus());
            case CCCID_FORM -> with(r, a, r.misCode(), r.cccid().substring(0, 2) + "I" + r.cccid().substring(3), r.latestAppId(), r.latestAppSubmitted(), r.previousStatus(), r.currentStatus());
            case FOREIGN_MIS_CODE -> with(r, a, feed.wrongMisCode(), r.cccid(), r.latestAppId(), r.latestAppSubmitted(), r.previousStatus(), r.currentStatus());
            case APP_ID_NOT_NUMERIC -> with(r, a, r.misCode(), r.cccid(), r.latestAppId().substring(0, 4) + "X" + r.latestAppId().substring(5), r.latestAppSubmitted(), r.previousStatus(), r.currentStatus());
            case APP_ID_17_DIGITS -> with(r, a, r.misCode(), r.cccid(), String.format("1%016d", Long.parseLong(r.latestAppId())), r.latestAppSubmitted(), r.previousStatus(), r.currentStatus());
            case NONE -> r;
        };
    }

    private static ReportRow with(ReportRow r, ReportRowAnomaly a, String mis, String cccid, String appId, String submitted,
                                  String previous, String current) {
        return new ReportRow(r.eventIndex(), a, mis, cccid, appId, submitted, previous, r.previousOptin(),
                r.previousConfirmation(), current, r.currentOptin(), r.currentConfirmation(), r.changedAt());
    }
}
