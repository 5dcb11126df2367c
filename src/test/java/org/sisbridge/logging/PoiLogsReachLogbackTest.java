package org.sisbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Apache POI (roster workbooks) logs through log4j-api. With log4j-to-slf4j on the class path its
 * lines reach logback like every other line (so the masking encoder and the levels of
 * config/logback.xml apply to them), instead of log4j's "no logging implementation" warning.
 */
class PoiLogsReachLogbackTest {

    @Test
    void aLineLoggedThroughLog4jApiArrivesInLogback() {
        Logger target = (Logger) LoggerFactory.getLogger("org.apache.poi.sisbridge-test");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        target.addAppender(seen);
        try {
            LogManager.getLogger("org.apache.poi.sisbridge-test").warn("a workbook line");
        } finally {
            target.detachAppender(seen);
        }
        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("a workbook line");
    }
}
