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
}
