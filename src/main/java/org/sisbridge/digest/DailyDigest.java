package org.sisbridge.digest;

import jakarta.mail.MessagingException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.camel.Exchange;
import org.sisbridge.logging.LogMasking;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.staging.BatchCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily digest's steps, called by routes/staff-digest.yaml: {@link #prepare} decides whether a
 * digest is due and writes it, the route hands it to the SMTP relay, then {@link #sent} or
 * {@link #failed} records the outcome in sisbridge_digest.
 *
 * <p>Exactly once per day as far as a database can know: the day's row moves PENDING to SENT by
 * compare-and-set after the relay accepted the message, and a failed relay leaves it PENDING for a
 * retry. One window remains: the relay accepted the mail and the agent died (or the database
 * failed) before the SENT mark. The digest is then sent again, with the same Message-ID, so the
 * copy is recognisable. Marking before sending would close that window by losing the day's digest
 * instead, which is worse for a mail whose point is that staff read it every morning.
 */
public class DailyDigest {

    public static final String FLOW = "staff-digest";
    static final String SCOPE = "smtp";
    /** The exchange property holding the day's row as read when the digest was written. */
    static final String DAY = "digestDay";
    static final String SUBJECT = "digestSubject";
    private static final Logger LOG = LoggerFactory.getLogger(DailyDigest.class);

    private final DigestDays days;
    private final DigestCollector collector;
    private final DigestMail mail;
    private final DigestSchedule schedule;
    private final DigestSettings settings;
    private final FlowActivity activity;
    private final Clock clock;

    public DailyDigest(DigestDays days, DigestCollector collector, DigestMail mail, DigestSchedule schedule,
                       DigestSettings settings, FlowActivity activity, Clock clock) {
        this.days = days;
        this.collector = collector;
        this.mail = mail;
        this.schedule = schedule;
        this.settings = settings;
        this.activity = activity;
        this.clock = clock;
    }

    /** Sets the body to the day's digest message when one is due, else to null. */
    public void prepare(Exchange exchange) throws SQLException, MessagingException {
        exchange.getMessage().setBody(null);
        LocalDate due = schedule.dueDay(clock.instant());
        if (due == null) {
            return;
        }
        DigestDays.Day day = days.open(due, mail.messageId(due));
        if (!DigestDays.PENDING.equals(day.state()) || waitingAfterFailure(day)) {
            return;
        }
        DigestContent content = collector.collect(due, schedule.from(due), schedule.until(due),
                settings.expiringWithinDays(), settings.includeNames());
        if (content.isEmpty() && settings.skipEmpty()) {
            days.mark(day, DigestDays.SKIPPED);
            LOG.info("Daily digest of {} not sent: nothing to say (sisbridge.digest.skip-empty=true)", due);
            return;
        }
        exchange.setProperty(DAY, day);
        exchange.setProperty(SUBJECT, DigestMail.subject(content));
        exchange.getMessage().setBody(mail.write(content, day.messageId(), clock.instant()));
    }

    public void sent(Exchange exchange) throws SQLException {
        DigestDays.Day day = exchange.getProperty(DAY, DigestDays.Day.class);
        days.mark(day, DigestDays.SENT);
        LOG.info("Daily digest of {} sent (attempt {}): {}", day.day(), day.attempts() + 1,
                exchange.getProperty(SUBJECT, String.class));
        activity.success(FLOW, SCOPE, BatchCounts.NONE);
    }

    public void failed(Exchange exchange) throws SQLException {
        DigestDays.Day day = exchange.getProperty(DAY, DigestDays.Day.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        // a relay's answer may quote the recipients' addresses: masked like every other log line
        String why = LogMasking.mask(rootMessage(cause));
        days.failed(day, why);
        LOG.warn("Daily digest of {} not sent (attempt {}): the SMTP relay failed: {}; tried again in {} s",
                day.day(), day.attempts() + 1, why, schedule.retryAfter().toSeconds());
        activity.failure(FLOW, SCOPE, "daily digest of " + day.day() + " not sent: " + why);
    }

    private boolean waitingAfterFailure(DigestDays.Day day) {
        return day.lastFailureAt() != null && LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)
                .isBefore(day.lastFailureAt().plus(schedule.retryAfter()));
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root == null) {
            return "unknown failure";
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage().strip());
    }
}
