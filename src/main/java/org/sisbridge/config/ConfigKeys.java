package org.sisbridge.config;

import static org.sisbridge.config.KeyRule.any;
import static org.sisbridge.config.KeyRule.atLeast;
import static org.sisbridge.config.KeyRule.autoOr;
import static org.sisbridge.config.KeyRule.environmentVariableName;
import static org.sisbridge.config.KeyRule.flag;
import static org.sisbridge.config.KeyRule.integer;
import static org.sisbridge.config.KeyRule.oneOf;
import static org.sisbridge.config.KeyRule.required;
import static org.sisbridge.config.KeyRule.sqlIdentifier;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rule every {@code sisbridge.*} key's value must follow. The keys themselves, their defaults
 * and what they mean are documented in config/application.properties; a key there without a rule
 * here is free text.
 */
public final class ConfigKeys {

    private static final Map<String, KeyRule> RULES = new LinkedHashMap<>();

    static {
        rule("sisbridge.mis-codes", KeyRule.misCodes());

        rule("sisbridge.upstream.base-url", KeyRule.httpUrl());
        rule("sisbridge.upstream.allow-plain-http", flag());
        rule("sisbridge.upstream.client-id", required());
        rule("sisbridge.upstream.client-secret-env", environmentVariableName());
        rule("sisbridge.upstream.client-secret-file", any());
        rule("sisbridge.upstream.scope", required());
        rule("sisbridge.upstream.token-refresh-margin-seconds", integer(0, 3600));
        rule("sisbridge.upstream.connect-timeout-ms", atLeast(1));
        rule("sisbridge.upstream.response-timeout-ms", atLeast(1));
        rule("sisbridge.upstream.call-timeout-ms", atLeast(1));
        rule("sisbridge.upstream.max-response-bytes", integer(1024, Integer.MAX_VALUE));
        rule("sisbridge.upstream.max-header-line-chars", integer(256, 1_048_576));
        rule("sisbridge.upstream.max-header-count", integer(16, 10_000));
        rule("sisbridge.upstream.retry.max-redeliveries", integer(0, 1000));
        rule("sisbridge.upstream.retry.initial-delay-ms", atLeast(1));
        rule("sisbridge.upstream.retry.max-delay-ms", atLeast(1));
        rule("sisbridge.upstream.retry.max-retry-after-seconds", atLeast(0));
        rule("sisbridge.upstream.max-error-text-chars", integer(20, 4000));
        rule("sisbridge.upstream.trust-store", any());
        rule("sisbridge.upstream.trust-store-type", oneOf("PKCS12", "JKS"));
        rule("sisbridge.upstream.trust-store-password-env", environmentVariableName());
        rule("sisbridge.upstream.trust-store-password-file", any());
        rule("sisbridge.upstream.token-url", KeyRule.emptyOr(KeyRule.httpUrl()));
        rule("sisbridge.upstream.proxy-host", KeyRule.emptyOr(KeyRule.hostNames()));
        rule("sisbridge.upstream.proxy-port", integer(1, 65535));
        rule("sisbridge.upstream.proxy-username", any());
        rule("sisbridge.upstream.proxy-password-env", environmentVariableName());
        rule("sisbridge.upstream.proxy-password-file", any());
        rule("sisbridge.upstream.proxy-non-proxy-hosts", KeyRule.hostPatterns());

        rule("sisbridge.staging.jdbc-url", KeyRule.jdbcUrl());
        rule("sisbridge.staging.database", oneOf("auto", "h2", "postgresql", "mariadb", "sqlserver", "oracle"));
        rule("sisbridge.staging.username", any());
        rule("sisbridge.staging.password-env", environmentVariableName());
        rule("sisbridge.staging.password-file", any());
        rule("sisbridge.staging.pool-size", integer(1, 1000));
        // HikariCP refuses less than 250 ms
        rule("sisbridge.staging.connection-timeout-ms", atLeast(250));
        rule("sisbridge.staging.manage-schema", flag());
        rule("sisbridge.staging.mapping", required());
        rule("sisbridge.staging.batch-size", integer(1, 100_000));
        rule("sisbridge.staging.read-timeout-ms", integer(0, 86_400_000));
        rule("sisbridge.staging.reject-table", sqlIdentifier());
        rule("sisbridge.staging.reject-max-raw-chars", integer(1024, 16_777_216));
        rule("sisbridge.staging.checkpoint-table", sqlIdentifier());
        rule("sisbridge.staging.flow-run-table", sqlIdentifier());
        rule("sisbridge.status.latest-rows", integer(1, 10_000));
        rule("sisbridge.status.roster-notes-days", integer(1, 3650));

        rule("sisbridge.watch.enabled", flag());
        rule("sisbridge.watch.host", required());
        rule("sisbridge.watch.port", integer(0, 65535));
        rule("sisbridge.watch.token-env", environmentVariableName());
        rule("sisbridge.watch.token-file", any());
        rule("sisbridge.watch.allowed-hosts", KeyRule.hostNames());
        rule("sisbridge.watch.trusted-proxies", KeyRule.trustedProxies());
        rule("sisbridge.watch.upstream-check-cache-ms", atLeast(0));
        rule("sisbridge.watch.cli-connector-enabled", flag());
        rule("sisbridge.watch.health-timeout-ms", atLeast(1));
        rule("sisbridge.watch.stuck-call-grace-ms", atLeast(0));
        rule("sisbridge.watch.status-refresh-seconds", atLeast(1));
        rule("sisbridge.watch.tls.key-store", any());
        rule("sisbridge.watch.tls.key-store-password-env", environmentVariableName());
        rule("sisbridge.watch.tls.key-store-password-file", any());
        rule("sisbridge.watch.staff-pages-enabled", flag());
        rule("sisbridge.watch.users-file", required());
        rule("sisbridge.watch.users-bcrypt-cost", integer(4, 31));
        rule("sisbridge.watch.session-timeout-minutes", integer(1, 24 * 60));
        rule("sisbridge.watch.session-max-hours", integer(1, 7 * 24));
        rule("sisbridge.watch.max-sessions", integer(1, 100_000));
        rule("sisbridge.watch.login-free-failures", integer(0, 100));
        rule("sisbridge.watch.login-address-free-failures", integer(0, 10_000));
        rule("sisbridge.watch.login-user-free-failures", integer(0, 100_000));
        rule("sisbridge.watch.login-lockout-base-seconds", integer(1, 3600));
        rule("sisbridge.watch.login-lockout-max-seconds", integer(1, 86_400));
        rule("sisbridge.watch.login-throttle-max-keys", integer(10, 10_000_000));
        rule("sisbridge.staff.changes-days", integer(1, 3660));
        rule("sisbridge.staff.max-days", integer(1, 3660));
        rule("sisbridge.staff.expiring-days", integer(1, 365));
        rule("sisbridge.staff.page-rows", integer(1, 100_000));
        rule("sisbridge.staff.csv-rows", integer(1, 10_000_000));
        rule("sisbridge.staff.chart-days", integer(1, 3660));
        rule("sisbridge.staff.answer-within-ms", integer(1, 3_600_000));

        rule("sisbridge.events.enabled", flag());
        rule("sisbridge.events.poll-interval-ms", atLeast(1));
        rule("sisbridge.events.initial-delay-ms", atLeast(0));
        rule("sisbridge.events.page-size", integer(1, 1000));
        rule("sisbridge.events.max-pages-per-poll", atLeast(1));
        rule("sisbridge.events.pages-in-flight", integer(1, 8));
        rule("sisbridge.events.writer-connections", autoOr(integer(1, 8)));
        rule("sisbridge.events.overlap-wait-ms", integer(1, 600_000));
        rule("sisbridge.events.unknown-event-type", oneOf("store", "reject"));
        rule("sisbridge.events.table", sqlIdentifier());
        rule("sisbridge.events.on-change.enabled", flag());
        rule("sisbridge.events.on-change.sql", any());
        rule("sisbridge.events.on-change.sql-file", any());
        rule("sisbridge.events.on-change.statuses", KeyRule.idmeStatuses());
        rule("sisbridge.events.on-change.query-timeout-seconds", integer(0, 3600));
        rule("sisbridge.transitions.valid", KeyRule.transitionTable());

        rule("sisbridge.reports.enabled", flag());
        rule("sisbridge.reports.poll-interval-ms", atLeast(1));
        rule("sisbridge.reports.initial-delay-ms", atLeast(0));
        rule("sisbridge.reports.start-date", KeyRule.optionalDate());
        rule("sisbridge.reports.lookback-days", integer(0, 3660));
        rule("sisbridge.reports.table", sqlIdentifier());
        rule("sisbridge.reports.load-table", sqlIdentifier());
        rule("sisbridge.reports.download-folder", required());
        rule("sisbridge.reports.download-timeout-ms", atLeast(1));
        rule("sisbridge.reports.chunks-in-flight", integer(1, 8));
        rule("sisbridge.reports.writer-connections", integer(1, 8));
        rule("sisbridge.reports.max-row-bytes", integer(64, 1_048_576));
        rule("sisbridge.reports.download-slack-bytes", integer(0, Integer.MAX_VALUE));
        rule("sisbridge.reports.oversized-retry-max-ms", atLeast(0));
        rule("sisbridge.reports.drop-enabled", flag());
        rule("sisbridge.reports.inbox", required());
        rule("sisbridge.reports.inbox-poll-interval-ms", atLeast(1));
        rule("sisbridge.reports.inbox-settle-ms", atLeast(0));
        rule("sisbridge.reports.inbox-unfinished-wait-ms", atLeast(0));

        rule("sisbridge.reports.mailbox.enabled", flag());
        rule("sisbridge.reports.mailbox.host", KeyRule.hostNames());
        rule("sisbridge.reports.mailbox.port", integer(1, 65535));
        rule("sisbridge.reports.mailbox.folder", required());
        rule("sisbridge.reports.mailbox.username", any());
        rule("sisbridge.reports.mailbox.password-env", environmentVariableName());
        rule("sisbridge.reports.mailbox.password-file", any());
        rule("sisbridge.reports.mailbox.allowed-senders", ConfigKeys::senders);
        rule("sisbridge.reports.mailbox.processed-folder", required());
        rule("sisbridge.reports.mailbox.unusable-folder", required());
        rule("sisbridge.reports.mailbox.poll-interval-ms", atLeast(1000));
        rule("sisbridge.reports.mailbox.max-messages-per-poll", integer(1, 1000));
        rule("sisbridge.reports.mailbox.max-attachment-bytes", integer(1024, Long.MAX_VALUE));
        rule("sisbridge.reports.mailbox.timeout-ms", integer(1, Integer.MAX_VALUE));

        rule("sisbridge.digest.enabled", flag());
        rule("sisbridge.digest.send-at", ConfigKeys::timeOfDay);
        rule("sisbridge.digest.zone", ConfigKeys::emptyOrZone);
        rule("sisbridge.digest.check-interval-ms", integer(1, Integer.MAX_VALUE));
        rule("sisbridge.digest.retry-interval-ms", integer(0, Integer.MAX_VALUE));
        rule("sisbridge.digest.to", ConfigKeys::addresses);
        rule("sisbridge.digest.from", ConfigKeys::addresses);
        rule("sisbridge.digest.smtp-host", KeyRule.hostNames());
        rule("sisbridge.digest.smtp-port", integer(1, 65535));
        rule("sisbridge.digest.starttls", flag());
        rule("sisbridge.digest.username", any());
        rule("sisbridge.digest.password-env", environmentVariableName());
        rule("sisbridge.digest.password-file", any());
        rule("sisbridge.digest.smtp-timeout-ms", integer(1, Integer.MAX_VALUE));
        rule("sisbridge.digest.include-names", flag());
        rule("sisbridge.digest.skip-empty", flag());
        rule("sisbridge.digest.expiring-within-days", integer(1, 365));
        rule("sisbridge.digest.max-listed", integer(1, 100_000));
        rule("sisbridge.mail.trust-store", any());
        rule("sisbridge.mail.trust-store-type", oneOf("PKCS12", "JKS"));
        rule("sisbridge.mail.trust-store-password-env", environmentVariableName());
        rule("sisbridge.mail.trust-store-password-file", any());

        rule("sisbridge.roster.enabled", flag());
        rule("sisbridge.roster.poll-interval-ms", atLeast(1));
        rule("sisbridge.roster.initial-delay-ms", atLeast(0));
        rule("sisbridge.roster.batch-size", integer(1, 500));
        rule("sisbridge.roster.max-batches-per-poll", atLeast(1));
        rule("sisbridge.roster.max-attempts", atLeast(1));
        rule("sisbridge.roster.job-poll-initial-delay-ms", atLeast(0));
        rule("sisbridge.roster.job-poll-max-delay-ms", atLeast(0));
        rule("sisbridge.roster.job-poll-budget-ms", atLeast(0));
        rule("sisbridge.roster.min-age", integer(0, 150));
        rule("sisbridge.roster.max-age", integer(1, 150));
        rule("sisbridge.roster.email-required", flag());
        rule("sisbridge.roster.request-table", sqlIdentifier());
        rule("sisbridge.roster.batch-table", sqlIdentifier());
        rule("sisbridge.roster.result-table", sqlIdentifier());
        rule("sisbridge.roster.file-table", sqlIdentifier());
        rule("sisbridge.roster.inbox", required());
        rule("sisbridge.roster.outbox", required());
        rule("sisbridge.roster.inbox-poll-interval-ms", atLeast(1));
        rule("sisbridge.roster.inbox-settle-ms", atLeast(0));
        rule("sisbridge.roster.inbox-unfinished-wait-ms", atLeast(0));
        rule("sisbridge.roster.max-line-chars", integer(1024, 16 * 1024 * 1024));
        rule("sisbridge.roster.charset", ConfigKeys::autoOrCharset);
        rule("sisbridge.roster.workbook-max-part-bytes", integer(1024 * 1024, Integer.MAX_VALUE));
        rule("sisbridge.roster.workbook-max-shared-strings-bytes", integer(1024, 1024 * 1024 * 1024));
        rule("sisbridge.roster.source.enabled", flag());
        rule("sisbridge.roster.source.sql", any());
        rule("sisbridge.roster.source.sql-file", any());
        rule("sisbridge.roster.source.poll-interval-ms", atLeast(1));
        rule("sisbridge.roster.source.initial-delay-ms", atLeast(0));
        rule("sisbridge.roster.source.max-students-per-run", integer(1, Integer.MAX_VALUE));
        rule("sisbridge.roster.source.fetch-size", integer(1, 100_000));
        rule("sisbridge.roster.source.query-timeout-seconds", integer(1, 86_400));
        rule("sisbridge.reconcile.enabled", flag());
        rule("sisbridge.reconcile.poll-interval-ms", atLeast(1));
        rule("sisbridge.reconcile.initial-delay-ms", atLeast(0));
        rule("sisbridge.reconcile.batch-size", integer(1, 500));
        rule("sisbridge.reconcile.max-students-per-run", integer(1, Integer.MAX_VALUE));
        rule("sisbridge.reconcile.read-page-size", integer(1, 100_000));
        rule("sisbridge.reconcile.sql", any());
        rule("sisbridge.reconcile.sql-file", any());
        rule("sisbridge.roster.write-back.enabled", flag());
        rule("sisbridge.roster.write-back.sql", any());
        rule("sisbridge.roster.write-back.sql-file", any());
        rule("sisbridge.roster.write-back.max-attempts", integer(1, 1000));
        rule("sisbridge.roster.write-back.query-timeout-seconds", integer(0, 3600));
        rule("sisbridge.roster.write-back.max-retries-per-run", integer(1, 100_000));
        rule("sisbridge.reconcile.csv-max-rows", integer(1, Integer.MAX_VALUE));
        rule("sisbridge.reconcile.csv-answer-within-ms", integer(1, 3_600_000));
    }

    private ConfigKeys() {
    }

    private static String autoOrCharset(String value) {
        try {
            return value.equalsIgnoreCase("auto") || java.nio.charset.Charset.isSupported(value) ? null
                    : "must be auto or a charset name this Java knows (windows-1252, ISO-8859-15, ...), is '" + value + "'";
        } catch (java.nio.charset.IllegalCharsetNameException e) {
            return "must be auto or a charset name, is '" + value + "'";
        }
    }

    private static String timeOfDay(String value) {
        return value.matches("([01][0-9]|2[0-3]):[0-5][0-9]") ? null : "must be a time of day as HH:mm (07:00), is '" + value + "'";
    }

    private static String emptyOrZone(String value) {
        try {
            if (!value.isEmpty()) {
                java.time.ZoneId.of(value);
            }
            return null;
        } catch (java.time.DateTimeException e) {
            return "must be empty (the machine's zone) or a time zone such as America/Los_Angeles, is '" + value + "'";
        }
    }

    /** Empty, or e-mail addresses separated by commas. */
    private static String addresses(String value) {
        try {
            jakarta.mail.internet.InternetAddress.parse(value, true);
            return null;
        } catch (jakarta.mail.internet.AddressException e) {
            return "must be e-mail addresses separated by commas (" + e.getMessage() + ")";
        }
    }

    /** Empty, or exact addresses and @domains separated by commas. */
    private static String senders(String value) {
        for (String sender : value.split(",")) {
            String s = sender.trim();
            if (!s.isEmpty() && !s.matches("[^@\\s,]*@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")) {
                return "must be e-mail addresses or @domains separated by commas, '" + s + "' is neither";
            }
        }
        return null;
    }

    private static void rule(String key, KeyRule rule) {
        RULES.put(key, rule);
    }

    public static Map<String, KeyRule> rules() {
        return RULES;
    }
}
