package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sisbridge.testsupport.SettableClock;
import org.slf4j.LoggerFactory;

/**
 * Issue 12, section 3: the reports flow says what it asked and what it got. Reproduced: nothing was
 * logged while the default 35-day look-back found nothing. An idle agent must not write a line per
 * poll either: an unchanged empty answer is INFO once a day.
 */
class ListingLogTest {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger pollerLog = (Logger) LoggerFactory.getLogger(ReportPoller.class);
    private Level before;

    @BeforeEach
    void capture() {
        before = pollerLog.getLevel();
        pollerLog.setLevel(Level.DEBUG);
        logs.start();
        pollerLog.addAppender(logs);
    }

    @AfterEach
    void release() {
        pollerLog.detachAppender(logs);
        pollerLog.setLevel(before);
    }

    private List<String> info() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void anEmptyListingIsSaidOnceThenOnceADayUnlessItsAnswerChanges() {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-30T05:00:00Z"));
        ListingLog log = new ListingLog(clock);

        log.listed("111", "2026-10-26", 0, 0);
        assertThat(info()).containsExactly("Report listing for MIS 111 since 2026-10-26: 0 report(s) listed, 0 not loaded yet");

        // a day of 15-minute polls with the same answer: DEBUG only
        for (int poll = 1; poll < 96; poll++) {
            clock.advance(Duration.ofMinutes(15));
            log.listed("111", "2026-10-26", 0, 0);
        }
        assertThat(info()).hasSize(1);
        assertThat(logs.list).hasSize(96);

        clock.advance(Duration.ofMinutes(15)); // a day after the first line
        log.listed("111", "2026-10-26", 0, 0);
        assertThat(info()).hasSize(2);

        log.listed("111", "2026-10-27", 0, 0); // another date asked: said at once
        log.listed("112", "2026-10-27", 0, 0); // another college: its own first line
        log.listed("111", "2026-10-27", 3, 3); // reports to load: always said
        log.listed("111", "2026-10-27", 3, 3);
        assertThat(info()).hasSize(6).last().isEqualTo("Report listing for MIS 111 since 2026-10-27: 3 report(s) listed, 3 not loaded yet");
    }
}
