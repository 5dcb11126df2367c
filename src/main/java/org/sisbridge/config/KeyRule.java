package org.sisbridge.config;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.sisbridge.dictionary.IdmeStatus;
import org.sisbridge.dictionary.MisCode;
import org.sisbridge.dictionary.StatusTransitionPolicy;
import org.sisbridge.staging.SqlIdentifier;

/**
 * What a configuration value must look like. {@link #problem} returns what is wrong in plain
 * words (without the key, which the caller adds), or null when the value is fine.
 */
@FunctionalInterface
public interface KeyRule {

    String problem(String value);

    /** Anything, including empty (free text, optional paths). */
    static KeyRule any() {
        return value -> null;
    }

    static KeyRule required() {
        return value -> value.isEmpty() ? "must not be empty" : null;
    }

    /** A whole number in min..max (milliseconds, sizes, counts). */
    static KeyRule integer(long min, long max) {
        return value -> {
            try {
                long n = Long.parseLong(value);
                return n < min || n > max || n > Integer.MAX_VALUE ? "must be a whole number "
                        + (max >= Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max) + ", is " + n : null;
            } catch (NumberFormatException e) {
                return "must be a whole number, is '" + value + "'";
            }
        };
    }

    static KeyRule atLeast(long min) {
        return integer(min, Integer.MAX_VALUE);
    }

    static KeyRule flag() {
        return value -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")
                ? null : "must be true or false, is '" + value + "'";
    }

    static KeyRule oneOf(String... allowed) {
        return value -> Arrays.stream(allowed).anyMatch(a -> a.equalsIgnoreCase(value))
                ? null : "must be one of " + String.join(", ", allowed) + ", is '" + value + "'";
    }

    static KeyRule httpUrl() {
        return value -> {
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                        ? null : "must be an http:// or https:// URL with a host, is '" + value + "'";
            } catch (java.net.URISyntaxException e) {
                return "is not a URL: " + e.getMessage();
            }
        };
    }

    /** A comma-separated list of host names or addresses (no scheme, port or path); empty for none. */
    static KeyRule hostNames() {
        Pattern host = Pattern.compile("[A-Za-z0-9.:\\[\\]-]+");
        return value -> {
            for (String name : value.split(",")) {
                if (!name.isBlank() && !host.matcher(name.trim()).matches()) {
                    return "must be host names or addresses separated by commas (no scheme, port or path), has '"
                            + name.trim() + "'";
                }
            }
            return null;
        };
    }

    /** Like {@link #hostNames()}, each name optionally starting with "*." for every name under a domain. */
    static KeyRule hostPatterns() {
        KeyRule names = hostNames();
        return value -> names.problem(value.replace("*.", ""));
    }

    /** Reverse proxies' IP addresses and CIDR ranges, comma-separated; empty for none. Never looked up in DNS. */
    static KeyRule trustedProxies() {
        return value -> {
            try {
                org.sisbridge.watch.TrustedProxies.parse(value);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        };
    }

    /** {@code auto} (the agent decides, as the key's comment says), or what {@code rule} accepts. */
    static KeyRule autoOr(KeyRule rule) {
        return value -> value.equalsIgnoreCase("auto") ? null : rule.problem(value);
    }

    /** Empty (the documented default applies), or what {@code rule} accepts. */
    static KeyRule emptyOr(KeyRule rule) {
        return value -> value.isEmpty() ? null : rule.problem(value);
    }

    static KeyRule jdbcUrl() {
        return value -> value.startsWith("jdbc:") ? null : "must be a JDBC URL (jdbc:...), is '" + org.sisbridge.staging.JdbcUrlMasking.mask(value) + "'";
    }

    static KeyRule sqlIdentifier() {
        return value -> {
            try {
                SqlIdentifier.require("", value);
                return null;
            } catch (IllegalArgumentException e) {
                return "'" + value + "' is not a valid table name (letters, digits, _ ; optionally schema.name)";
            }
        };
    }

    /** An environment variable's name, or empty for none. */
    static KeyRule environmentVariableName() {
        Pattern name = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
        return value -> value.isEmpty() || name.matcher(value).matches()
                ? null : "must be the name of an environment variable (letters, digits, _), is '" + value + "'";
    }

    static KeyRule misCodes() {
        return value -> {
            List<String> codes = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (codes.isEmpty()) {
                return "must list at least one MIS code";
            }
            return codes.stream().filter(c -> !MisCode.isWellFormed(c)).findFirst()
                    .map(bad -> "'" + bad + "' is not a MIS code (3 digits or upper-case letters, e.g. 111)").orElse(null);
        };
    }

    static KeyRule transitionTable() {
        return value -> {
            try {
                StatusTransitionPolicy.parse(value);
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage().replaceFirst("^sisbridge\\.transitions\\.valid: ", "");
            }
        };
    }

    /** A comma list of the data dictionary's ID.me statuses (verified, staff_verified, unverified, expired). */
    static KeyRule idmeStatuses() {
        return value -> {
            String known = String.join(", ", new TreeSet<>(IdmeStatus.VALUES));
            List<String> given = Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
            if (given.isEmpty()) {
                return "must list at least one status of " + known;
            }
            return given.stream().filter(v -> !IdmeStatus.isKnown(IdmeStatus.normalize(v))).findFirst()
                    .map(bad -> "'" + bad + "' is not an ID.me status (one of " + known + ")").orElse(null);
        };
    }

    /** A yyyy-MM-dd date, or empty. */
    static KeyRule optionalDate() {
        return value -> {
            if (value.isEmpty()) {
                return null;
            }
            try {
                LocalDate.parse(value);
                return null;
            } catch (DateTimeParseException e) {
                return "must be a date as yyyy-MM-dd (or empty), is '" + value + "'";
            }
        };
    }
}
