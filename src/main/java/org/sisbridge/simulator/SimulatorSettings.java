package org.sisbridge.simulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Mutable settings with defaults; all switches independent, all default off.
 *
 * <p>{@link UpstreamSimulator#start} takes a copy, so changing a settings object after start has
 * no effect on a running simulator (the feed must not change under a client paging through it).
 * Use {@link FaultScript} to change behaviour while running.
 */
public final class SimulatorSettings {
    public long seed = 42;
    /** Distinct events in the feed for each MIS code (10 .. 10_000_000). */
    public int eventsPerMisCode = 2000;
    /** MIS codes this upstream serves; others get 403. */
    public List<String> misCodes = List.of("111");
    public String clientId = "sisbridge-demo";
    public String clientSecret = "demo-secret";
    /** The {@code expires_in} advertised in token responses. */
    public int tokenExpiresInSeconds = 3600;
    /** How long a token really works; below the advertised value it is the "expire tokens early" switch. */
    public int tokenActualLifetimeSeconds = 3600;

    // Event anomaly rates: fraction of events (0..1), decided deterministically per event from the seed.
    public double redeliveryRate;
    public double malformedPayloadRate;
    public double oversizeFieldRate;
    public double unknownEventTypeRate;
    public double undocumentedTransitionRate;
    public double invalidCccidRate;
    public double wrongMisCodeRate;

    // HTTP misbehaviour: fraction of events-API requests, deterministic from seed + request number.
    public double http500Rate;
    public double http503Rate;
    public double http429Rate;
    /** Sent as Retry-After with 429 and 503. */
    public int retryAfterSeconds = 1;
    public double slowResponseRate;
    public long slowResponseMillis = 0;

    // Bulk account creation (contract section 3). The HTTP misbehaviour above applies to it too.
    /** Seeded existing accounts (the first students of the population) that duplicates are found among. */
    public int existingAccounts = 2000;
    /**
     * Where the accounts bulk jobs create are kept across restarts (the standalone simulator:
     * data/simulator-accounts.tsv); null keeps them in memory only, as tests and the demo want.
     */
    public java.nio.file.Path accountsFile;
    /** Polls a bulk job answers RUNNING before it finishes. */
    public int bulkRunningPolls = 1;
    /** Milliseconds a bulk job stays RUNNING at least, however often it is polled ("stays RUNNING for a while"). */
    public long bulkRunningMillis = 0;
    /** Fraction of bulk jobs that end FAILED, creating nothing. */
    public double bulkJobFailureRate;
    /** Fraction of bulk POSTs answered 500 after their job was created. */
    public double bulk500AfterCreateRate;
    /** Whether e-mail is required (false: the college uses staff-held temporary credentials). */
    public boolean bulkEmailRequired = true;
    // Hostile bulk answers (see HostileBulkValues).
    /** The first CREATED/EXISTING result of every COMPLETE job carries an over-long, malformed CCCID. */
    public boolean invalidBulkResult;
    /** A spreadsheet formula in a result's matchedOn, and error messages with a formula, a name, a phone and a line break. */
    public boolean formulaLikeValues;

    /** Serve HTTPS with a self-signed certificate generated at start (see {@link UpstreamSimulator#writeTrustStore}). */
    public boolean https;

    /** Status change reports (contract section 2): daily and weekly, from the feed's population and history. */
    public ReportSettings reports = new ReportSettings();

    /** Hostile answers: oversized pages and reports, trickling bodies (all off by default). */
    public HostileSettings hostile = new HostileSettings();

    /**
     * Benchmarks: render every events page for this limit before listening and answer with those
     * bytes, so the simulator takes almost no CPU from the agent it feeds; it then holds the whole
     * feed in memory (see {@link PrerenderedPages}). 0 (default): every page is made when asked for.
     */
    public int prerenderPageSize;

    /** A few thousand events with a few % of every anomaly and a little HTTP misbehaviour: a 30 s demo. */
    public static SimulatorSettings demo() {
        SimulatorSettings s = new SimulatorSettings();
        s.eventsPerMisCode = 3000;
        s.redeliveryRate = 0.03;
        s.malformedPayloadRate = 0.01;
        s.oversizeFieldRate = 0.01;
        s.unknownEventTypeRate = 0.02;
        s.undocumentedTransitionRate = 0.03;
        s.invalidCccidRate = 0.02;
        s.wrongMisCodeRate = 0.01;
        s.http500Rate = 0.03;
        s.http503Rate = 0.02;
        s.http429Rate = 0.02;
        s.retryAfterSeconds = 1;
        s.slowResponseRate = 0.05;
        s.slowResponseMillis = 300;
        s.reports.badRowRate = 0.03;
        s.reports.sha256MismatchTimes = 1;
        s.reports.quotedFields = true;
        s.reports.bom = true;
        return s;
    }

    public SimulatorSettings copy() {
        SimulatorSettings c = new SimulatorSettings();
        c.seed = seed;
        c.eventsPerMisCode = eventsPerMisCode;
        c.misCodes = List.copyOf(new ArrayList<>(misCodes));
        c.clientId = clientId;
        c.clientSecret = clientSecret;
        c.tokenExpiresInSeconds = tokenExpiresInSeconds;
        c.tokenActualLifetimeSeconds = tokenActualLifetimeSeconds;
        c.redeliveryRate = redeliveryRate;
        c.malformedPayloadRate = malformedPayloadRate;
        c.oversizeFieldRate = oversizeFieldRate;
        c.unknownEventTypeRate = unknownEventTypeRate;
        c.undocumentedTransitionRate = undocumentedTransitionRate;
        c.invalidCccidRate = invalidCccidRate;
        c.wrongMisCodeRate = wrongMisCodeRate;
        c.http500Rate = http500Rate;
        c.http503Rate = http503Rate;
        c.http429Rate = http429Rate;
        c.retryAfterSeconds = retryAfterSeconds;
        c.slowResponseRate = slowResponseRate;
        c.slowResponseMillis = slowResponseMillis;
        c.existingAccounts = existingAccounts;
        c.accountsFile = accountsFile;
        c.bulkRunningPolls = bulkRunningPolls;
        c.bulkRunningMillis = bulkRunningMillis;
        c.bulkJobFailureRate = bulkJobFailureRate;
        c.bulk500AfterCreateRate = bulk500AfterCreateRate;
        c.bulkEmailRequired = bulkEmailRequired;
        c.invalidBulkResult = invalidBulkResult;
        c.formulaLikeValues = formulaLikeValues;
        c.https = https;
        c.reports = reports.copy();
        c.hostile = hostile.copy();
        c.prerenderPageSize = prerenderPageSize;
        return c;
    }

    /** Fails fast on settings that would make the feed or the HTTP behaviour meaningless. */
    public void validate() {
        require(eventsPerMisCode >= 10 && eventsPerMisCode <= 10_000_000, "eventsPerMisCode must be 10..10000000");
        require(misCodes != null && !misCodes.isEmpty(), "misCodes must not be empty");
        require(clientId != null && clientSecret != null, "clientId and clientSecret are required");
        require(tokenActualLifetimeSeconds >= 0 && tokenExpiresInSeconds >= 0, "token lifetimes must be >= 0");
        require(retryAfterSeconds >= 0 && slowResponseMillis >= 0, "delays must be >= 0");
        double[] rates = {redeliveryRate, malformedPayloadRate, oversizeFieldRate, unknownEventTypeRate,
                undocumentedTransitionRate, invalidCccidRate, wrongMisCodeRate,
                http500Rate, http503Rate, http429Rate, slowResponseRate};
        for (double r : rates) {
            require(r >= 0 && r <= 1, "rates must be within 0..1");
        }
        require(malformedPayloadRate + oversizeFieldRate + unknownEventTypeRate + undocumentedTransitionRate
                + invalidCccidRate + wrongMisCodeRate <= 1.0 + 1e-9, "anomaly rates must sum to at most 1");
        require(http500Rate + http503Rate + http429Rate <= 1.0 + 1e-9, "HTTP error rates must sum to at most 1");
        reports.validate();
        hostile.validate();
        require(prerenderPageSize >= 0 && prerenderPageSize <= EventsEndpoint.MAX_LIMIT,
                "prerenderPageSize must be 0 (off) or a page limit 1.." + EventsEndpoint.MAX_LIMIT);
        require(existingAccounts >= 0 && existingAccounts <= 5_000_000, "existingAccounts must be 0..5000000");
        require(bulkRunningPolls >= 0 && bulkRunningMillis >= 0, "bulk running polls and millis must be >= 0");
        require(bulkJobFailureRate >= 0 && bulkJobFailureRate <= 1 && bulk500AfterCreateRate >= 0
                && bulk500AfterCreateRate <= 1, "bulk rates must be within 0..1");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
