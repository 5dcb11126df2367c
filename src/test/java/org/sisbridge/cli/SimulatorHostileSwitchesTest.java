package org.sisbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The hostile bulk answer switches are declared where a person finds them: {@code simulator --help}. */
class SimulatorHostileSwitchesTest {

    @Test
    void invalidBulkResultAndFormulaLikeValuesAreSwitchesOfTheSimulatorCommand() {
        SimulatorCommand command = new SimulatorCommand();
        CommandLine line = new CommandLine(command);
        line.parseArgs("--invalid-bulk-result", "--formula-like-values");
        assertThat(command.invalidBulkResult).isTrue();
        assertThat(command.formulaLikeValues).isTrue();
        assertThat(line.getUsageMessage()).contains("--invalid-bulk-result", "--formula-like-values");
    }

    @Test
    void oversizedAndTricklingAnswersAreSwitchesOfTheSimulatorCommand() {
        SimulatorCommand command = new SimulatorCommand();
        CommandLine line = new CommandLine(command);
        line.parseArgs("--oversized-page-events", "10", "--oversized-page-bytes", "157286400", "--trickle-token-ms", "5000",
                "--trickle-events-ms", "5000", "--oversized-report-bytes", "157286400");
        assertThat(command.oversizedPageEvents).isEqualTo(10);
        assertThat(command.oversizedPageBytes).isEqualTo(157_286_400L);
        assertThat(command.trickleTokenMs).isEqualTo(5000L);
        assertThat(command.trickleEventsMs).isEqualTo(5000L);
        assertThat(command.oversizedReportBytes).isEqualTo(157_286_400L);
        assertThat(line.getUsageMessage()).contains("--oversized-page-events", "--oversized-page-bytes", "--trickle-token-ms",
                "--trickle-events-ms", "--oversized-report-bytes");
    }
}
