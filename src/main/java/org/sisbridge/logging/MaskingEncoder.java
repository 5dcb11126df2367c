package org.sisbridge.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The encoder of every sisbridge appender (config/logback.xml): {@code format} {@code text} writes
 * {@code pattern}, {@code json} writes one JSON object per line ({@link JsonLogLayout}: logstash-logback-encoder). Either
 * way messages and stack traces are masked: in the pattern, {@code %msg} and {@code %ex} (under
 * any of their names) are the masking converters, and a pattern without an exception word gets a
 * masked {@code %ex} at its end instead of logback's unmasked default.
 */
public class MaskingEncoder extends LayoutWrappingEncoder<ILoggingEvent> {

    private static final List<String> MESSAGE_WORDS = List.of("m", "msg", "message");
    private static final List<String> THROWABLE_WORDS = List.of("ex", "exception", "throwable",
            "xEx", "xException", "xThrowable", "rEx", "rootException");
    private static final Pattern HAS_THROWABLE = Pattern.compile("%(?:" + String.join("|", THROWABLE_WORDS) + ")(?![A-Za-z])");

    private String format = "text";
    private String pattern = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{24} - %msg%n%ex";

    /** {@code text} (the default) or {@code json}. */
    public void setFormat(String format) {
        this.format = format == null ? "text" : format.trim().toLowerCase(Locale.ROOT);
    }

    /** The logback pattern of the {@code text} format. */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        Layout<ILoggingEvent> layout;
        if ("json".equals(format)) {
            layout = JsonLogLayout.create();
        } else {
            if (!"text".equals(format)) {
                addWarn("log format '" + format + "' is neither text nor json; writing text");
            }
            PatternLayout text = new PatternLayout();
            MESSAGE_WORDS.forEach(word -> text.getInstanceConverterMap().put(word, MaskedMessageConverter::new));
            THROWABLE_WORDS.forEach(word -> text.getInstanceConverterMap().put(word, MaskedThrowableConverter::new));
            text.setPattern(HAS_THROWABLE.matcher(pattern).find() ? pattern : pattern + "%ex");
            layout = text;
        }
        layout.setContext(getContext());
        layout.start();
        setLayout(layout);
        setCharset(StandardCharsets.UTF_8);
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        if (getLayout() != null) {
            getLayout().stop();
        }
    }
}
