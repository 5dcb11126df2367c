package org.sisbridge.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One JSON object per line for log collectors: time, level, thread, logger, route, the formatted message
 * and the stack trace, both masked ({@link LogMasking}). Written with Jackson rather than logback's
 * JsonEncoder, which emits the raw message pattern, every argument and every cause's message as
 * separate fields: each would need masking on its own.
 */
public class JsonLineLayout extends LayoutBase<ILoggingEvent> {

    /** Camel's MDC key for the route id (camel.main.use-mdc-logging). */
    public static final String ROUTE_ID = "camel.routeId";

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter line = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("thread", event.getThreadName());
            json.writeStringField("logger", event.getLoggerName());
            // camel.main.use-mdc-logging: the route a line was logged in (a route id is configuration, never data)
            String route = event.getMDCPropertyMap().get(ROUTE_ID);
            if (route != null) {
                json.writeStringField("route", route);
            }
            json.writeStringField("message", LogMasking.mask(event.getFormattedMessage()));
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                json.writeStringField("exception", LogMasking.mask(ThrowableProxyUtil.asString(thrown)));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.append(CoreConstants.LINE_SEPARATOR).toString();
    }

    @Override
    public String getContentType() {
        return "application/x-ndjson";
    }
}
