package org.sisbridge.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.apache.camel.Exchange;
import org.sisbridge.dropfolder.DropFolderGuard;

/**
 * The drop folder's side of a dropped file: loads it through {@link ReportIntake}, then says where
 * the file component moves it (header {@value #TARGET}): done/ when it was loaded or already had
 * been, error/ with a {@code <file>.reason} text beside it when it was refused. A database failure
 * throws instead, so the file stays in the inbox and is tried again; so does a load that the
 * agent's shutdown paused.
 */
public class ReportDropFolder {

    public static final String TARGET = "reportDropTarget";
    /** A workbook in the report folder: a report saved again by a spreadsheet, whose dates and ids it has reformatted. */
    static final String SPREADSHEET_COPY = "it is a spreadsheet file, and a report is loaded only from the CSV file as"
            + " upstream delivers it (a spreadsheet's copy reformats its dates and long ids): drop the delivered .csv"
            + " itself, unopened";

    private final ReportIntake intake;

    public ReportDropFolder(ReportIntake intake) {
        this.intake = intake;
    }

    public ReportOutcome take(Exchange exchange) throws IOException, SQLException, ReportLoadStoppedException {
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath();
        String name = file.getFileName().toString();
        boolean csv = name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv");
        String reportId = name.replaceFirst("\\.[^.]*$", "");
        // checked again just before reading: the entry may have been swapped for a link since the scan
        java.util.Optional<String> unreadable = DropFolderGuard.problem(file);
        ReportOutcome outcome = unreadable.isPresent() ? ReportOutcome.refused(reportId, ReportIdentity.DROP, unreadable.get())
                : !csv ? intake.refusedDrop(reportId, SPREADSHEET_COPY)
                : intake.fromDrop(reportId, file);
        boolean refused = outcome.status() == ReportOutcome.Status.REFUSED;
        Path folder = file.getParent().resolve(refused ? "error" : "done");
        String target = DropFolderGuard.freeName(folder, name);
        if (refused) {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(target + ".reason"), "Report " + reportId + " was not loaded: "
                    + outcome.message() + System.lineSeparator(), StandardCharsets.UTF_8);
        }
        exchange.getMessage().setHeader(TARGET, folder.getFileName() + "/" + target);
        return outcome;
    }
}
