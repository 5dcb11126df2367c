package org.sisbridge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.sisbridge.simulator.PrerenderedPages;
import org.sisbridge.simulator.ReportCatalog;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.SimulatorTrustStore;
import org.sisbridge.simulator.UpstreamSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A standalone upstream simulator, so that a real agent (or curl) can be pointed at it. */
@Command(name = "simulator", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the upstream API contract (token, events, reports, bulk accounts, health) from a simulated, seeded population.",
                "Point an agent at it with sisbridge.upstream.base-url=http://127.0.0.1:<port>."})
public class SimulatorCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8089", description = "TCP port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;
    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String bind;
    @Option(names = "--https", description = "Serve HTTPS with a self-signed certificate made at start, and write a trust store for the agent.")
    boolean https;
    @Option(names = "--trust-store-out", paramLabel = "FILE",
            description = "Where --https writes that PKCS12 trust store, its password beside it in FILE.password"
                    + " (default data/simulator-truststore.p12 under the install directory).")
    Path trustStoreOut;
    @Option(names = "--events", defaultValue = "2000", description = "Events per MIS code, 10 to 10,000,000 (default ${DEFAULT-VALUE}).")
    int events;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of the population and the feed (default ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--accounts-file", paramLabel = "FILE",
            description = "Where the accounts bulk jobs create are kept across restarts, so that no CCCID is handed out twice"
                    + " (default data/simulator-accounts.tsv under the install).")
    Path accountsFile;
    @Option(names = "--fresh", description = "Start from the seeded population only: forget the accounts earlier runs created.")
    boolean fresh;
    @Option(names = "--mis-codes", defaultValue = "111", split = ",", description = "MIS codes served; others get 403 (default ${DEFAULT-VALUE}).")
    List<String> misCodes;
    @Option(names = "--client-id", defaultValue = "sisbridge-demo", description = "Accepted OAuth2 client id.")
    String clientId;
    @Option(names = "--client-secret-env", defaultValue = "SISBRIDGE_CLIENT_SECRET",
            description = "Environment variable holding the accepted client secret (default ${DEFAULT-VALUE}; 'demo-secret' when unset).")
    String clientSecretEnv;
    @Option(names = "--demo-faults", description = "Every misbehaviour at the demo's rates.")
    boolean demoFaults;
    @Option(names = "--redelivery-rate", description = "Fraction of events also delivered a second time.")
    Double redeliveryRate;
    @Option(names = "--malformed-payload-rate", description = "Fraction of events whose eventPayload is not JSON.")
    Double malformedPayloadRate;
    @Option(names = "--oversize-field-rate", description = "Fraction of events with a field over its dictionary length.")
    Double oversizeFieldRate;
    @Option(names = "--unknown-event-type-rate", description = "Fraction of events with an undocumented eventType.")
    Double unknownEventTypeRate;
    @Option(names = "--undocumented-transition-rate", description = "Fraction of events with an undocumented status transition.")
    Double undocumentedTransitionRate;
    @Option(names = "--invalid-cccid-rate", description = "Fraction of events with a CCCID of the wrong form.")
    Double invalidCccidRate;
    @Option(names = "--wrong-mis-code-rate", description = "Fraction of events carrying a MIS code not served.")
    Double wrongMisCodeRate;
    @Option(names = "--http-500-rate", description = "Fraction of event requests answered 500.")
    Double http500Rate;
    @Option(names = "--http-503-rate", description = "Fraction of event requests answered 503 with Retry-After.")
    Double http503Rate;
    @Option(names = "--http-429-rate", description = "Fraction of event requests answered 429 with Retry-After.")
    Double http429Rate;
    @Option(names = "--retry-after-seconds", description = "Retry-After sent with 429 and 503.")
    Integer retryAfterSeconds;
    @Option(names = "--slow-rate", description = "Fraction of event requests answered slowly.")
    Double slowRate;
    @Option(names = "--slow-ms", description = "How slowly, in milliseconds.")
    Long slowMillis;
    @Option(names = "--token-lifetime-seconds", description = "Real token lifetime; below 3600 tokens expire before their advertised expiry.")
    Integer tokenLifetimeSeconds;
    @Option(names = "--report-sha256-mismatch-times", description = "First N downloads of each report do not match its listed sha256.")
    Integer reportSha256MismatchTimes;
    @Option(names = "--report-truncated-times", description = "First N downloads of each report break off halfway.")
    Integer reportTruncatedTimes;
    @Option(names = "--report-bad-row-rate", description = "Fraction of report rows given one bad value.")
    Double reportBadRowRate;
    @Option(names = "--report-shuffled-columns", description = "Report header columns in another order.")
    boolean reportShuffledColumns;
    @Option(names = "--report-extra-column", description = "An extra report column the contract does not name.")
    boolean reportExtraColumn;
    @Option(names = "--report-bom", description = "A UTF-8 byte order mark before the report header.")
    boolean reportBom;
    @Option(names = "--report-crlf", description = "CRLF line ends in reports.")
    boolean reportCrlf;
    @Option(names = "--report-quoted-fields", description = "Every report field quoted, with commas, quotes and line breaks inside.")
    boolean reportQuotedFields;
    @Option(names = "--report-absolute-hrefs", description = "The listing's hrefs as whole URLs on this server instead of paths.")
    boolean reportAbsoluteHrefs;
    @Option(names = "--existing-accounts", description = "Seeded existing OpenCCC accounts that bulk creation finds as duplicates.")
    Integer existingAccounts;
    @Option(names = "--bulk-running-millis", description = "How long a bulk job stays RUNNING.")
    Long bulkRunningMillis;
    @Option(names = "--bulk-job-failure-rate", description = "Fraction of bulk jobs that end FAILED.")
    Double bulkJobFailureRate;
    @Option(names = "--bulk-500-after-create-rate", description = "Fraction of bulk POSTs answered 500 after the job was created.")
    Double bulk500AfterCreateRate;
    @Option(names = "--invalid-bulk-result", description = "The first CREATED/EXISTING result of every bulk job carries an over-long, malformed CCCID.")
    boolean invalidBulkResult;
    @Option(names = "--formula-like-values", description = "A spreadsheet formula (=HYPERLINK) in a bulk result's matchedOn; bulk error messages with a formula, a name, a phone and a line break.")
    boolean formulaLikeValues;
    // hostile answers (HostileSettings): larger than asked, slower than any deadline
    @Option(names = "--oversized-page-events", paramLabel = "N", description = "Every events page carries N events more than the limit asked for.")
    Integer oversizedPageEvents;
    @Option(names = "--oversized-page-bytes", paramLabel = "BYTES", description = "Every events page carries BYTES of padding in its first event (streamed).")
    Long oversizedPageBytes;
    @Option(names = "--trickle-token-ms", paramLabel = "MS", description = "The token answer: headers, then one byte every MS milliseconds.")
    Long trickleTokenMs;
    @Option(names = "--trickle-events-ms", paramLabel = "MS", description = "Events pages: headers, then one byte every MS milliseconds.")
    Long trickleEventsMs;
    @Option(names = "--oversized-report-bytes", paramLabel = "BYTES", description = "Every report download carries BYTES of rows beyond what its listing declares.")
    Long oversizedReportBytes;
    // benchmarks: a simulator that takes next to no CPU from the agent it feeds
    @Option(names = "--prerender-page-size", paramLabel = "LIMIT", description = "Before listening, render every events page"
            + " a client paging with limit=LIMIT is given, and answer those requests with the bytes (the same a page made"
            + " when asked for would be). For benchmarks: serving then costs socket writes only, but the whole feed is"
            + " held in memory (about 0.5 KB an event: give the JVM the heap).")
    Integer prerenderPageSize;

    @Override
    public Integer call() throws Exception {
        SimulatorSettings s = demoFaults ? SimulatorSettings.demo() : new SimulatorSettings();
        s.eventsPerMisCode = events;
        s.seed = seed;
        s.misCodes = List.copyOf(misCodes);
        s.clientId = clientId;
        s.https = https;
        String secret = System.getenv(clientSecretEnv);
        s.clientSecret = secret == null || secret.isEmpty() ? "demo-secret" : secret;
        if (redeliveryRate != null) s.redeliveryRate = redeliveryRate;
        if (malformedPayloadRate != null) s.malformedPayloadRate = malformedPayloadRate;
        if (oversizeFieldRate != null) s.oversizeFieldRate = oversizeFieldRate;
        if (unknownEventTypeRate != null) s.unknownEventTypeRate = unknownEventTypeRate;
        if (undocumentedTransitionRate != null) s.undocumentedTransitionRate = undocumentedTransitionRate;
        if (invalidCccidRate != null) s.invalidCccidRate = invalidCccidRate;
        if (wrongMisCodeRate != null) s.wrongMisCodeRate = wrongMisCodeRate;
        if (http500Rate != null) s.http500Rate = http500Rate;
        if (http503Rate != null) s.http503Rate = http503Rate;
        if (http429Rate != null) s.http429Rate = http429Rate;
        if (retryAfterSeconds != null) s.retryAfterSeconds = retryAfterSeconds;
        if (slowRate != null) s.slowResponseRate = slowRate;
        if (slowMillis != null) s.slowResponseMillis = slowMillis;
        if (tokenLifetimeSeconds != null) s.tokenActualLifetimeSeconds = tokenLifetimeSeconds;
        if (reportSha256MismatchTimes != null) s.reports.sha256MismatchTimes = reportSha256MismatchTimes;
        if (reportTruncatedTimes != null) s.reports.truncatedTimes = reportTruncatedTimes;
        if (reportBadRowRate != null) s.reports.badRowRate = reportBadRowRate;
        s.reports.shuffledColumns |= reportShuffledColumns;
        s.reports.extraColumn |= reportExtraColumn;
        s.reports.bom |= reportBom;
        s.reports.crlf |= reportCrlf;
        s.reports.quotedFields |= reportQuotedFields;
        s.reports.absoluteHrefs |= reportAbsoluteHrefs;
        if (existingAccounts != null) s.existingAccounts = existingAccounts;
        if (bulkRunningMillis != null) s.bulkRunningMillis = bulkRunningMillis;
        if (bulkJobFailureRate != null) s.bulkJobFailureRate = bulkJobFailureRate;
        if (bulk500AfterCreateRate != null) s.bulk500AfterCreateRate = bulk500AfterCreateRate;
        s.invalidBulkResult |= invalidBulkResult;
        s.formulaLikeValues |= formulaLikeValues;
        hostile(s);
        if (prerenderPageSize != null) s.prerenderPageSize = prerenderPageSize;
        s.accountsFile = accountsFile != null ? accountsFile : SisbridgeCommand.home().resolve("data/simulator-accounts.tsv");
        if (fresh) {
            Files.deleteIfExists(s.accountsFile);
        }
        long rendering = System.nanoTime();
        try (UpstreamSimulator simulator = UpstreamSimulator.start(s, bind, port)) {
            PrerenderedPages pages = simulator.prerenderedPages();
            if (pages.pageCount() > 0) {
                // before the listening line: a benchmark reads up to that line, then only drains the rest
                System.out.printf("Events pages for limit=%d rendered before listening: %,d pages, %,d bytes"
                                + " (%,d bytes an event) in %.1f s.%n", pages.limit(), pages.pageCount(), pages.bytes(),
                        pages.bytes() / ((long) s.eventsPerMisCode * s.misCodes.size()), (System.nanoTime() - rendering) / 1e9);
            }
            System.out.printf("Upstream simulator listening on %s (client id '%s', secret from $%s or 'demo-secret';"
                    + " MIS codes %s; %,d events each). Ctrl-C to stop.%n",
                    simulator.baseUrl(), s.clientId, clientSecretEnv, s.misCodes, s.eventsPerMisCode);
            // what a restart keeps, and what the agent must ask for to see the simulated reports
            System.out.printf("Accounts: %,d created by earlier runs, kept in %s (--fresh forgets them); new CCCIDs continue"
                    + " after them.%n", simulator.accounts().accountsCreatedBefore(), s.accountsFile);
            System.out.printf("Reports: periods from %s on; the agent lists them with sisbridge.reports.start-date = %s"
                    + " (its default look-back of 35 days finds none).%n", ReportCatalog.FIRST_DAY, ReportCatalog.FIRST_DAY);
            if (https) {
                SimulatorTrustStore trust = simulator.writeTrustStore(trustStoreOut != null ? trustStoreOut
                        : SisbridgeCommand.home().resolve("data/simulator-truststore.p12"));
                System.out.printf("HTTPS with a certificate made now; the agent trusts it (this run only) with:%n"
                        + "  sisbridge.upstream.base-url = %s%n"
                        + "  sisbridge.upstream.trust-store = %s%n"
                        + "  sisbridge.upstream.trust-store-password-file = %s%n",
                        simulator.baseUrl(), trust.trustStore(), trust.passwordFile());
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }

    private void hostile(SimulatorSettings s) {
        if (oversizedPageEvents != null) s.hostile.oversizedPageExtraEvents = oversizedPageEvents;
        if (oversizedPageBytes != null) s.hostile.oversizedPageBytes = oversizedPageBytes;
        if (trickleTokenMs != null) s.hostile.trickleTokenMillis = trickleTokenMs;
        if (trickleEventsMs != null) s.hostile.trickleEventsMillis = trickleEventsMs;
        if (oversizedReportBytes != null) s.hostile.oversizedReportBytes = oversizedReportBytes;
    }
}
