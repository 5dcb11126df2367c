package org.sisbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, section 6: a restarted simulator handed out the same CCCIDs again. With an accounts
 * file (the standalone simulator's data/simulator-accounts.tsv) new CCCIDs go on after those of
 * earlier runs, a student created before is found as EXISTING, and the file holds no student data.
 */
class SimulatorKeepsItsAccountsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    private static BulkStudent student(String localId, String last, String email) {
        return new BulkStudent(localId, "Restart", null, last, "2001-02-03", email, null, null);
    }

    private static SimulatorSettings settings(Path file) {
        SimulatorSettings settings = new SimulatorSettings();
        settings.existingAccounts = 10;
        settings.accountsFile = file;
        return settings;
    }

    @Test
    void aRestartNeitherHandsOutACccidAgainNorForgetsWhomItCreated(@TempDir Path data) throws Exception {
        Path file = data.resolve("simulator-accounts.tsv");
        AccountRegistry first = new AccountRegistry(settings(file));
        String ana = first.resolve("111", student("L1", "Anastasia", "ana.restart@college.example.edu"), TODAY).cccid();
        String bo = first.resolve("111", student("L2", "Bolivar", "bo.restart@college.example.edu"), TODAY).cccid();
        first.close();

        AccountRegistry second = new AccountRegistry(settings(file));
        assertThat(second.accountsCreatedBefore()).isEqualTo(2);
        AccountOutcome again = second.resolve("111", student("L1", "Anastasia", "ana.restart@college.example.edu"), TODAY);
        assertThat(again.outcome()).isEqualTo("EXISTING");
        assertThat(again.cccid()).isEqualTo(ana);
        String cy = second.resolve("111", student("L3", "Cyrano", "cy.restart@college.example.edu"), TODAY).cccid();
        assertThat(cy).isNotIn(ana, bo);
        second.close();

        String kept = Files.readString(file);
        assertThat(kept).contains(ana, bo, cy).doesNotContain("restart@", "Anastasia", "Bolivar", "Cyrano", "2001-02-03");

        // without a file (tests, the demo) nothing is kept: the numbering starts again, as before
        AccountRegistry memoryOnly = new AccountRegistry(settings(null));
        assertThat(memoryOnly.resolve("111", student("L9", "Dagobert", "dag.restart@college.example.edu"), TODAY).cccid())
                .isEqualTo(ana);
    }

    @Test
    void theRunningSimulatorKeepsItsAccountsInTheFileItWasGiven(@TempDir Path data) {
        Path file = data.resolve("simulator-accounts.tsv");
        try (UpstreamSimulator simulator = UpstreamSimulator.start(settings(file), 0)) {
            assertThat(simulator.accounts().accountsFile()).isEqualTo(file);
            assertThat(file).exists();
        }
    }

    @Test
    void aFileOfAnotherSeedIsSetAsideNotMixedIn(@TempDir Path data) throws Exception {
        Path file = data.resolve("simulator-accounts.tsv");
        AccountRegistry first = new AccountRegistry(settings(file));
        first.resolve("111", student("L1", "Anastasia", "ana.restart@college.example.edu"), TODAY);
        first.close();

        SimulatorSettings otherSeed = settings(file);
        otherSeed.seed = 7;
        AccountRegistry second = new AccountRegistry(otherSeed);
        assertThat(second.accountsCreatedBefore()).isZero();
        second.close();
        assertThat(data.resolve("simulator-accounts.tsv.other-seed")).exists();
    }
}
