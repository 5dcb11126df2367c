package org.sisbridge.roster;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.TestDatabase;

/** The agent with the roster flow on fast schedules and the events flow off. */
final class RosterFixtures {
    private RosterFixtures() {
    }

    static AgentFixture agent(SimulatorSettings settings, TestDatabase database) {
        return new AgentFixture(settings, database)
                .property("sisbridge.events.enabled", false)
                .property("sisbridge.roster.poll-interval-ms", 300)
                .property("sisbridge.roster.initial-delay-ms", 0)
                .property("sisbridge.roster.batch-size", 7)
                .property("sisbridge.roster.job-poll-initial-delay-ms", 20)
                .property("sisbridge.roster.job-poll-max-delay-ms", 200)
                .property("sisbridge.roster.job-poll-budget-ms", 3000)
                .property("sisbridge.roster.inbox-poll-interval-ms", 200)
                .property("sisbridge.roster.inbox-settle-ms", 100);
    }

    /** Drops a roster file as staff would: written beside the inbox, then moved in whole. */
    static void drop(java.nio.file.Path dir, String name, byte[] content) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir.resolve("inbox"));
        java.nio.file.Path temp = dir.resolve(name + ".part");
        java.nio.file.Files.write(temp, content);
        java.nio.file.Files.move(temp, dir.resolve("inbox").resolve(name));
    }

    /** Waits until no outbox row is PENDING or SENT any more. */
    /** {@link #agent} with its roster inbox and outbox in {@code dir} (inbox/, outbox/). */
    static AgentFixture withFolders(TestDatabase database, Path dir) {
        return agent(new SimulatorSettings(), database)
                .property("sisbridge.roster.inbox", dir.resolve("inbox"))
                .property("sisbridge.roster.outbox", dir.resolve("outbox"));
    }

    static void awaitSettled(AgentFixture fixture, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() ->
                fixture.db().count("SELECT COUNT(*) FROM cccid_request") > 0
                        && fixture.db().count("SELECT COUNT(*) FROM cccid_request WHERE status IN ('PENDING', 'SENT')") == 0);
    }
}
