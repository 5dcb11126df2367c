package org.sisbridge.simulator;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server speaking the upstream contract (token, events, health) with a deterministic feed
 * and switchable misbehaviour, for demos and tests. The agent's production code never uses it.
 * With {@link SimulatorSettings#https} it serves HTTPS with a certificate made at start.
 */
public final class UpstreamSimulator implements AutoCloseable {
    private static final int THREADS = 8;

    static {
        // The JDK server writes headers and body separately; with Nagle on, the body waits for the
        // client's delayed ACK and every response takes ~40 ms. Read once, when the first JDK
        // HttpServer starts, and only this simulator uses that server in the project.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    /** The HTTPS certificate, or null when serving plain HTTP. */
    private final SimulatorCertificate certificate;
    private final ExecutorService executor;
    private final SimulatorSettings settings;
    private final SimulatorCounters counters = new SimulatorCounters();
    private final FaultScript faults;
    private final EventFeed feed;
    private final PrerenderedPages prerendered;
    private final ReportCatalog reports;
    private final ReportCounters reportCounters = new ReportCounters();
    private final AccountRegistry accounts;
    private final BulkJobs bulkJobs = new BulkJobs();
    private final AtomicBoolean closed = new AtomicBoolean();

    private UpstreamSimulator(SimulatorSettings settings, String bindAddress, int port) throws IOException {
        this.settings = settings;
        this.feed = new EventFeed(settings);
        TokenStore tokens = new TokenStore(settings.tokenActualLifetimeSeconds);
        this.faults = new FaultScript(tokens, settings.retryAfterSeconds);
        // before the server listens: no client may be answered while the pages are still being made
        this.prerendered = PrerenderedPages.render(feed, settings.prerenderPageSize);
        var events = new EventsEndpoint(feed, tokens, faults, new HttpMisbehaviour(settings), counters, settings.hostile,
                prerendered);
        var router = new SimulatorRouter(new TokenEndpoint(settings, tokens, counters), events, counters);
        this.reports = new ReportCatalog(settings, feed);
        router.reports(new ReportsEndpoint(reports, tokens, counters, reportCounters, settings.hostile));
        this.accounts = new AccountRegistry(settings);
        router.bulkAccounts(new BulkAccountsEndpoint(settings, tokens, faults, new HttpMisbehaviour(settings), accounts, bulkJobs));
        InetSocketAddress address = new InetSocketAddress(bindAddress, port);
        if (settings.https) {
            this.certificate = SimulatorCertificate.generate(bindAddress);
            HttpsServer https = HttpsServer.create(address, 50);
            https.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
            this.server = https;
        } else {
            this.certificate = null;
            this.server = HttpServer.create(address, 50);
        }
        this.executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        server.createContext("/", router);
        server.setExecutor(executor);
        server.start();
    }

    /** Binds 127.0.0.1; port 0 picks any free port. */
    public static UpstreamSimulator start(SimulatorSettings settings, int port) {
        return start(settings, "127.0.0.1", port);
    }

    public static UpstreamSimulator start(SimulatorSettings settings, String bindAddress, int port) {
        SimulatorSettings snapshot = settings.copy();
        snapshot.validate();
        try {
            return new UpstreamSimulator(snapshot, bindAddress, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the upstream simulator on " + bindAddress + ":" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        InetAddress bound = server.getAddress().getAddress();
        // A wildcard bind (0.0.0.0) is not an address a client can connect to; loopback reaches it.
        String host = bound.isAnyLocalAddress() ? "127.0.0.1" : bound.getHostAddress();
        return (certificate == null ? "http://" : "https://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    /**
     * Writes a PKCS12 trust store that trusts this HTTPS simulator (and only this run of it), with its
     * password in a file beside it; the agent reads both through its trust-store keys.
     */
    public SimulatorTrustStore writeTrustStore(Path file) {
        if (certificate == null) {
            throw new IllegalStateException("this simulator serves plain HTTP: there is no certificate to trust");
        }
        try {
            return certificate.writeTrustStore(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SimulatorCounters counters() {
        return counters;
    }

    public FaultScript faults() {
        return faults;
    }

    public EventFeed feed() {
        return feed;
    }

    /** The events pages rendered before listening ({@link SimulatorSettings#prerenderPageSize}; none when 0). */
    public PrerenderedPages prerenderedPages() {
        return prerendered;
    }

    /** The upstream's accounts: seeded students and those bulk jobs created, with counts per student. */
    public AccountRegistry accounts() {
        return accounts;
    }

    /** Bulk jobs created and Idempotency-Key replays answered. */
    public BulkJobs bulkJobs() {
        return bulkJobs;
    }

    /** The status change reports offered (steerable while running: publishDays, reissue). */
    public ReportCatalog reports() {
        return reports;
    }

    /** Which reports were listed and downloaded, and how often. */
    public ReportCounters reportCounters() {
        return reportCounters;
    }

    /** A copy of the settings this simulator runs with. */
    public SimulatorSettings settings() {
        return settings.copy();
    }

    /** Stops the server at once; requests in flight are cut off. Safe to call twice. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            executor.shutdownNow();
            accounts.close();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "upstream-simulator-" + n.incrementAndGet());
            t.setDaemon(true); // a forgotten simulator must not keep a test JVM or the CLI alive
            return t;
        };
    }
}
