package org.sisbridge.logging;

import com.fasterxml.jackson.core.JsonStreamContext;
import net.logstash.logback.mask.ValueMasker;

/**
 * The agent's one masking rule ({@link LogMasking}: e-mail addresses and birth-date-like values)
 * as logstash-logback-encoder's value masker: every string value of a JSON log line, the message,
 * the stack trace and every MDC value alike, is masked before it is written.
 */
public class LogMaskingValueMasker implements ValueMasker {

    @Override
    public Object mask(JsonStreamContext context, Object value) {
        if (value instanceof CharSequence text) {
            String masked = LogMasking.mask(text.toString());
            // null tells the encoder to write the value as it is
            return masked.contentEquals(text) ? null : masked;
        }
        return null;
    }
}
