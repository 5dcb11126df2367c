package org.sisbridge.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Parses application/x-www-form-urlencoded text, the form of both query strings and the token request. */
final class FormFields {
    private FormFields() {
    }

    /** First value wins for repeated names; a name without '=' has the value "". */
    static Map<String, String> parse(String raw) {
        Map<String, String> fields = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return fields;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            fields.putIfAbsent(name, value);
        }
        return fields;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) { // a stray '%': keep the text as it came
            return text;
        }
    }
}
