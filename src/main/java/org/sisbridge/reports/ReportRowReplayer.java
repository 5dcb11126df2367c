package org.sisbridge.reports;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.sisbridge.csv.CsvFormatException;
import org.sisbridge.csv.CsvRecord;
import org.sisbridge.csv.CsvRecordReader;
import org.sisbridge.rejects.RejectReplayer;
import org.sisbridge.rejects.ReplayOutcome;
import org.sisbridge.rejects.StoredReject;

/**
 * Replays a rejected report row: its header and raw line, read as the report was, through the
 * same row validator and into the same staging table under its report and line. The row key still
 * holds, so a row staged meanwhile (a re-issued report) counts as a duplicate. A row it stages
 * moves from rejected to loaded in its report's load row.
 */
public class ReportRowReplayer implements RejectReplayer {

    private final ReportRowValidator validator;
    private final StatusChangeTable table;
    private final ReportLoadTable loads;
    private final Clock clock;

    public ReportRowReplayer(ReportRowValidator validator, StatusChangeTable table, ReportLoadTable loads, Clock clock) {
        this.validator = validator;
        this.table = table;
        this.loads = loads;
        this.clock = clock;
    }

    @Override
    public String source() {
        return ReportRowValidator.SOURCE;
    }

    @Override
    public ReplayOutcome replay(Connection connection, StoredReject stored) throws SQLException {
        ReportHeader header;
        CsvRecord line;
        try (CsvRecordReader csv = new CsvRecordReader(new StringReader(stored.rawInput()))) {
            header = ReportHeader.parse(csv.next());
            line = csv.next();
        } catch (IOException | CsvFormatException | ReportRefusedException | RuntimeException e) {
            return new ReplayOutcome.NotReplayable("its raw input does not start with the report's header"
                    + " (a reject stored before headers were kept): " + e.getMessage());
        }
        if (line == null) {
            return new ReplayOutcome.NotReplayable("its raw input holds no row after the header");
        }
        CsvRecord original = new CsvRecord(line.fields(), line.raw(), stored.lineNumber() == null ? line.line() : stored.lineNumber());
        RowCheck check = validator.check(stored.sourceRef(), header, original);
        if (check instanceof RowCheck.Rejected again) {
            return new ReplayOutcome.StillRejected(again.reject());
        }
        StatusChangeRow row = ((RowCheck.Accepted) check).row();
        int inserted = table.insertNew(connection, List.of(row), stored.sourceRef(), LocalDateTime.now(clock));
        if (inserted > 0) {
            loads.countReplayedRow(connection, stored.sourceRef());
        }
        return new ReplayOutcome.Staged("row " + original.line() + " of report " + stored.sourceRef(), inserted == 0);
    }
}
