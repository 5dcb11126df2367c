package org.sisbridge.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;

/**
 * The real agent set up for the reports flows: events off (they are not under test here), the
 * listing polled every 200 ms from the simulator's first day, and a drop folder of the test's own.
 */
final class ReportsAgent {

    private ReportsAgent() {
    }

    static AgentFixture fixture(SimulatorSettings settings, TestDatabase database, Path workDir) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AgentFixture(settings, database)
                .property("sisbridge.events.enabled", false)
                .property("sisbridge.reports.start-date", "2024-01-01")
                .property("sisbridge.reports.poll-interval-ms", 200)
                .property("sisbridge.reports.initial-delay-ms", 0)
                .property("sisbridge.reports.download-folder", workDir.resolve("download").toString())
                .property("sisbridge.reports.inbox", workDir.resolve("inbox").toString())
                .property("sisbridge.reports.inbox-poll-interval-ms", 100)
                .property("sisbridge.reports.inbox-settle-ms", 100);
    }

    static Path workDir(String label) {
        return AgentFixture.HOME.resolve("target/test-reports").resolve(label + "-" + System.nanoTime());
    }

    /** One poll of MIS 111's listing now, on the caller's thread (the test's timer poll is an hour away). */
    static void pollNow(org.sisbridge.runtime.SisbridgeAgent agent) {
        try (org.apache.camel.ProducerTemplate template = agent.camelContext().createProducerTemplate()) {
            org.apache.camel.Exchange poll = new org.apache.camel.support.DefaultExchange(agent.camelContext());
            poll.setProperty("misCode", "111");
            template.send("direct:idme-status-report-collect", poll);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
