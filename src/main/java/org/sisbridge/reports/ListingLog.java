package org.sisbridge.reports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per report listing: what was asked (since when) and what came back. Without it an agent
 * whose default look-back found nothing said nothing at all, and a person could not tell a quiet
 * upstream from a wrong start date. An idle agent must not fill its log, though: a listing is
 * logged at INFO when it has reports to load, when its answer differs from the last one logged for
 * that MIS code (another date, another count), and otherwise once a day ({@link #QUIET_REPEAT});
 * the repeats in between are DEBUG. With the default 15-minute poll that is one INFO line a day per
 * MIS code while nothing happens, whatever the poll interval.
 */
final class ListingLog {

    private static final Logger LOG = LoggerFactory.getLogger(ReportPoller.class);
    static final Duration QUIET_REPEAT = Duration.ofDays(1);

    private record Logged(String answer, Instant at) {
    }

    private final Clock clock;
    private final Map<String, Logged> lastLogged = new ConcurrentHashMap<>();

    ListingLog(Clock clock) {
        this.clock = clock;
    }

    void listed(String misCode, String since, int listed, int toLoad) {
        String answer = since + " " + listed + " " + toLoad;
        Instant now = clock.instant();
        Logged last = lastLogged.get(misCode);
        boolean news = toLoad > 0 || last == null || !last.answer().equals(answer)
                || !now.isBefore(last.at().plus(QUIET_REPEAT));
        String format = "Report listing for MIS {} since {}: {} report(s) listed, {} not loaded yet";
        if (news) {
            lastLogged.put(misCode, new Logged(answer, now));
            LOG.info(format, misCode, since, listed, toLoad);
        } else {
            LOG.debug(format, misCode, since, listed, toLoad);
        }
    }
}
