package org.sisbridge.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.apache.camel.spi.ShutdownStrategy;
import org.sisbridge.config.AgentConfiguration;
import org.sisbridge.events.EventsBeans;
import org.sisbridge.reports.ReportsBeans;
import org.sisbridge.reconcile.ReconcileBeans;
import org.sisbridge.reports.mailbox.MailboxBeans;
import org.sisbridge.digest.DigestBeans;
import org.sisbridge.roster.RosterBeans;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.watch.ThreadSafeDevConsoleRegistry;
import org.sisbridge.watch.WatchBeans;
import org.sisbridge.watch.WatchServerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent: camel-main with the routes of {@code <home>/routes}, the configuration of
 * {@code <home>/config/application.properties} (plus an optional override file and environment
 * variables), and the beans of {@link AgentBeans}. Used by every command and by the tests.
 */
public final class SisbridgeAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SisbridgeAgent.class);
    private final Main main;

    private SisbridgeAgent(Main main) {
        this.main = main;
    }

    public static Builder builder(Path home) {
        return new Builder(home);
    }

    /** Starts the routes and returns; the agent runs until {@link #close()}. */
    public SisbridgeAgent start() throws Exception {
        // whoever starts the agent this way stops it (close()); camel-main's default strategy would
        // also add a JVM shutdown hook, which holds on to every agent ever started in this JVM
        main.setShutdownStrategy(new SimpleMainShutdownStrategy());
        main.start();
        return this;
    }

    /**
     * Runs in the foreground until the process is told to stop (SIGTERM, Ctrl-C), then stops Camel:
     * its shutdown strategy waits up to {@code camel.main.shutdown-timeout} seconds for the batches in
     * flight, which the flows end at their next commit. Returns normally, so the process exits 0.
     */
    public void runUntilStopped() throws Exception {
        AtomicLong signalledAt = new AtomicLong();
        StopSignals signals = StopSignals.install(() -> {
            signalledAt.set(System.nanoTime());
            main.completed();
        });
        main.run();
        String why = signals.received() == null ? "the run ended" : signals.received() + " received";
        String took = signalledAt.get() == 0 ? "" : String.format(" in %.1f s", (System.nanoTime() - signalledAt.get()) / 1e9);
        ShutdownStrategy strategy = main.getCamelContext() == null ? null : main.getCamelContext().getShutdownStrategy();
        if (strategy != null && strategy.hasTimeoutOccurred()) {
            LOG.warn("stopped: {}; the shutdown timeout of {} s ran out{}, so the work still in flight was cut off before"
                    + " its commit and rolled back; it is done again on the next start", why, strategy.getTimeout(), took);
        } else {
            LOG.info("stopped: {}; every flow finished or rolled back its batch in flight{}; what was left is picked up"
                    + " on the next start", why, took);
        }
    }

    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public <T> T bean(String name, Class<T> type) {
        return main.getCamelContext().getRegistry().lookupByNameAndType(name, type);
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }

    public static final class Builder {
        private final Path home;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private final Map<String, Object> beans = new LinkedHashMap<>();
        private Path overrideFile;
        private SecretSource secrets = SecretSource.fromSystem();

        private Builder(Path home) {
            this.home = home.toAbsolutePath().normalize();
        }

        /** A configuration value that wins over the files (used by commands and tests). */
        public Builder property(String key, Object value) {
            overrides.put(key, String.valueOf(value));
            return this;
        }

        /** An optional properties file layered over config/application.properties. */
        public Builder overrideFile(Path file) {
            this.overrideFile = file;
            return this;
        }

        /** A bean bound before the defaults, replacing the default of the same name. */
        public Builder bean(String name, Object bean) {
            beans.put(name, bean);
            return this;
        }

        /** The configuration sources this agent reads (for commands that validate without starting it). */
        public AgentConfiguration configuration() {
            return new AgentConfiguration(home, overrideFile, overrides);
        }

        public Builder secrets(SecretSource secrets) {
            this.secrets = secrets;
            return this;
        }

        public SisbridgeAgent build() {
            // before the pool and the drivers exist: the agent stores UTC wall times (ProcessTimeZone says why)
            ProcessTimeZone.useUtc();
            AgentConfiguration configuration = configuration();
            Path config = configuration.referenceFile();
            if (!Files.isRegularFile(config)) {
                throw new IllegalStateException("no configuration at " + config + ": is " + home + " the sisbridge home?");
            }
            Main main = new Main();
            // the site's override file before the shipped defaults: Camel takes a key's first value
            main.setPropertyPlaceholderLocations(configuration.locations());
            main.addInitialProperty("sisbridge.home", home.toString());
            overrides.forEach(main::addOverrideProperty);
            // bound before camel-main builds its HTTP servers (earlier than any configuration class runs)
            main.bind("watchServerFactory", new WatchServerFactory(secrets));
            // camel-main installs a DevConsoleRegistry bean as the context's: Camel's own fails a start now and then
            // when the CLI connector registers consoles from its thread (ThreadSafeDevConsoleRegistry says how)
            main.bind("devConsoleRegistry", new ThreadSafeDevConsoleRegistry());
            beans.forEach(main::bind);
            // shared beans first (they validate the configuration), then one configuration class per capability
            main.configure().addConfiguration(new AgentBeans(secrets));
            main.configure().addConfiguration(new WatchBeans());
            main.configure().addConfiguration(new EventsBeans());
            main.configure().addConfiguration(new ReportsBeans());
            main.configure().addConfiguration(new RosterBeans());
            main.configure().addConfiguration(new ReconcileBeans());
            // after ReportsBeans: the mailbox shares its report intake
            main.configure().addConfiguration(new MailboxBeans(secrets));
            main.configure().addConfiguration(new DigestBeans(secrets));
            main.configure().addConfiguration(new org.sisbridge.staff.StaffBeans());
            // once started: one line saying what this agent is and works on
            main.addMainListener(new StartupLine());
            return new SisbridgeAgent(main);
        }
    }
}
