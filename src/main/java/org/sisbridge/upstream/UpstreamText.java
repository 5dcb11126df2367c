package org.sisbridge.upstream;

import java.util.regex.Pattern;
import org.sisbridge.logging.LogMasking;

/**
 * Upstream free text (an error body's {@code code} and {@code message}, a failed bulk job's message)
 * made fit for a log line and for {@code last_failure}, which are read by people who may not see
 * student data. Upstream text is not trusted, so it is:
 * <ul>
 * <li>masked: quoted values (where a service usually names a record's values), e-mail addresses,
 * birth-date-like values and runs of 6 or more digits (phone numbers, ids) become {@code ***};
 * a name outside quotes cannot be told apart from other words and is the upstream's to avoid;</li>
 * <li>escaped: control characters (CR, LF, tab, the Unicode line separators and the rest) are written
 * as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}, so a message can never start a
 * forged log line in the text log format;</li>
 * <li>capped at {@code sisbridge.upstream.max-error-text-chars} characters, with {@code ...} where it
 * was cut.</li>
 * </ul>
 * The error code is kept readable (it is what the contract lists), reduced to letters, digits and
 * {@code _ . : -}.
 */
public final class UpstreamText {

    /** The default of {@code sisbridge.upstream.max-error-text-chars}. */
    public static final int DEFAULT_MAX_CHARS = 300;
    private static final int MAX_CODE_CHARS = 64;
    private static final String MASK = "***";
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|'[^']*'|\u201C[^\u201D]*\u201D|\u2018[^\u2019]*\u2019");
    /** 6 or more digits, possibly with the separators of a phone number between them. */
    private static final Pattern DIGIT_RUN = Pattern.compile("\\+?\\(?\\d(?:[ ().-]{0,2}\\d){5,}\\)?");
    private static final Pattern NOT_CODE = Pattern.compile("[^A-Za-z0-9_.:-]");

    private final int maxChars;

    public UpstreamText(int maxChars) {
        if (maxChars < 20) {
            throw new IllegalArgumentException("sisbridge.upstream.max-error-text-chars must be at least 20, was " + maxChars);
        }
        this.maxChars = maxChars;
    }

    /** The error code and message as one safe text, {@code code: message}. */
    public String summary(String code, String message) {
        String c = code(code);
        String m = message(message);
        return c.isEmpty() ? m : m.isEmpty() ? c : c + ": " + m;
    }

    /** The code: safe characters only, at most 64. */
    public String code(String code) {
        if (code == null) {
            return "";
        }
        String safe = NOT_CODE.matcher(code.length() > MAX_CODE_CHARS * 2 ? code.substring(0, MAX_CODE_CHARS * 2) : code)
                .replaceAll("?");
        return safe.length() > MAX_CODE_CHARS ? safe.substring(0, MAX_CODE_CHARS) + "..." : safe;
    }

    /** The message masked, escaped and capped; empty for null. */
    public String message(String message) {
        if (message == null || message.isEmpty()) {
            return "";
        }
        // bounded work on a hostile message: nothing past a few times the cap can reach the result
        boolean cut = message.length() > maxChars * 4;
        String text = cut ? message.substring(0, maxChars * 4) : message;
        text = QUOTED.matcher(text).replaceAll(MASK);
        text = LogMasking.mask(text);
        text = DIGIT_RUN.matcher(text).replaceAll(MASK);
        String escaped = escape(text);
        return cut || escaped.length() > maxChars ? cap(escaped) : escaped;
    }

    private String cap(String escaped) {
        int end = Math.min(maxChars, escaped.length());
        // never cut an escape sequence in half
        int backslash = escaped.lastIndexOf('\\', end - 1);
        if (backslash >= 0 && backslash > end - 6) {
            end = backslash;
        }
        return escaped.substring(0, end) + "...";
    }

    private static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            String replacement = switch (ch) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\\' -> "\\\\";
                default -> Character.isISOControl(ch) || ch == '\u2028' || ch == '\u2029'
                        || Character.getType(ch) == Character.FORMAT ? String.format("\\u%04x", (int) ch) : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                out.append(replacement != null ? replacement : String.valueOf(ch));
            }
        }
        return out == null ? text : out.toString();
    }
}
