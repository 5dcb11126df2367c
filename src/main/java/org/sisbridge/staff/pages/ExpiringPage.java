package org.sisbridge.staff.pages;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.sisbridge.staff.ExpiringVerifications;

/** Students whose ID.me verification expires within N days ({@link ExpiringVerifications}), with how it is computed. */
public final class ExpiringPage implements StaffPage {

    private final ExpiringVerifications expiring;
    private final Clock clock;
    private final int defaultDays;
    private final int pageRows;
    private final int readRows;

    public ExpiringPage(ExpiringVerifications expiring, Clock clock, int defaultDays, int pageRows, int readRows) {
        this.expiring = expiring;
        this.clock = clock;
        this.defaultDays = defaultDays;
        this.pageRows = pageRows;
        this.readRows = readRows;
    }

    @Override
    public String name() {
        return "expiring";
    }

    @Override
    public String title() {
        return "Verifications about to expire";
    }

    @Override
    public int defaultDays() {
        return defaultDays;
    }

    @Override
    public int maxDays() {
        return (int) ExpiringVerifications.VALID_FOR.toDays();
    }

    @Override
    public StaffTable table(StaffQuery q) throws Exception {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        StaffTable.Builder table = new StaffTable.Builder(q.csv() ? readRows : pageRows)
                .column("cccid", "CCCID").column("verified_at_utc", "Last verified (UTC)")
                .column("expires_at_utc", "Expires (UTC)").column("days_left", "Days left");
        for (ExpiringVerifications.Expiring e : expiring.within(now, q.days())) {
            if (q.matchesCccId(e.cccId()) && !table.row(e.cccId(), e.verifiedAt().toString().replace('T', ' '),
                    e.expiresAt().toString().replace('T', ' '), String.valueOf(Duration.between(now, e.expiresAt()).toDays()))) {
                break;
            }
        }
        return table.build();
    }

    @Override
    public String html(StaffQuery q, StaffTable table) {
        StringBuilder h = StaffLayout.open(title(), "/staff/expiring", q.user());
        StaffPage.filters(h, name(), q, false, true, "Expiring within days");
        h.append("<section><h2>Expiring within ").append(q.days()).append(" days</h2><p class=\"how\" id=\"how-computed\">")
                .append("How this is computed: a verification lasts ").append(ExpiringVerifications.VALID_FOR.toDays())
                .append(" days from the student's last <b>verified</b> status, taken from the events feed and the status change")
                .append(" reports together (the latest of both). A later change of any status ends it: a later verified starts a new")
                .append(" year, and unverified, expired or staff_verified end the ID.me verification. Listed are the students whose")
                .append(" year ends after now and within the days chosen, soonest first. Times are UTC as staged.</p>");
        table.html(h, "expiring", "No verification expires within these days.");
        return StaffLayout.close(h.append("</section>"));
    }
}
