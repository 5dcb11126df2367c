package org.sisbridge.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import net.logstash.logback.layout.LogstashLayout;
import net.logstash.logback.mask.MaskingJsonGeneratorDecorator;

/**
 * The {@code json} log format: logstash-logback-encoder's standard fields ({@code @timestamp},
 * {@code level}, {@code thread_name}, {@code logger_name}, {@code message}, {@code stack_trace}) and
 * the MDC (with camel.main.use-mdc-logging, {@code camel.routeId} on a line logged inside a route),
 * one object per line, every string value masked by {@link LogMaskingValueMasker}.
 */
final class JsonLogLayout {

    /** Camel's MDC key for the route id (camel.main.use-mdc-logging). */
    static final String ROUTE_ID = "camel.routeId";

    private JsonLogLayout() {
    }

    static Layout<ILoggingEvent> create() {
        LogstashLayout layout = new LogstashLayout();
        MaskingJsonGeneratorDecorator masking = new MaskingJsonGeneratorDecorator();
        masking.addValueMasker(new LogMaskingValueMasker());
        masking.start();
        layout.setJsonGeneratorDecorator(masking);
        layout.setLineSeparator("SYSTEM");
        // the logging context's properties (log folder, format) are the same on every line: left out
        layout.setIncludeContext(false);
        // @timestamp with the machine's offset, as the text format: the process itself runs in UTC (ProcessTimeZone)
        layout.setTimeZone(org.sisbridge.runtime.ProcessTimeZone.machineZone().getId());
        return layout;
    }
}
