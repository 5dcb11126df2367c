package org.sisbridge.digest;

/** What the digest holds (keys sisbridge.digest.include-names, .skip-empty, .expiring-within-days). */
public record DigestSettings(boolean includeNames, boolean skipEmpty, int expiringWithinDays) {
}
