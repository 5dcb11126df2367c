package org.sisbridge.roster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Set;
import org.sisbridge.dictionary.RejectReason;
import org.sisbridge.rejects.RejectReplayer;
import org.sisbridge.rejects.ReplayOutcome;
import org.sisbridge.rejects.StoredReject;
import org.sisbridge.staging.Reject;

/**
 * Replays a roster file line that could not enter the outbox: read again by the file's header,
 * checked as the drop folder checks it, and, once it passes, queued in the outbox as PENDING
 * under its file's source and line (so the file's results list it). A student the local checks
 * still refuse stays a reject with that reason.
 */
public class RosterLineReplayer implements RejectReplayer {

    private final CccidRequestTable requests;
    private final RosterFileTable files;
    private final RosterValidator validator;
    private final Set<String> misCodes;
    private final boolean emailRequired;
    private final Clock clock;

    public RosterLineReplayer(CccidRequestTable requests, RosterFileTable files, RosterValidator validator,
                              Set<String> misCodes, boolean emailRequired, Clock clock) {
        this.requests = requests;
        this.files = files;
        this.validator = validator;
        this.misCodes = misCodes;
        this.emailRequired = emailRequired;
        this.clock = clock;
    }

    @Override
    public String source() {
        return RosterFileLoader.REJECT_SOURCE;
    }

    @Override
    public ReplayOutcome replay(Connection c, StoredReject stored) throws SQLException {
        if (RejectReason.ROSTER_LINE_TOO_LONG.name().equals(stored.reasonCode())) {
            // only the start of the line was kept: replaying it would enter a cut-off student
            return new ReplayOutcome.NotReplayable("only the first " + RosterCsvReader.MAX_RAW + " characters of the line"
                    + " were kept; drop a file with the corrected line instead");
        }
        RosterCsvReader.Record header;
        RosterCsvReader.Record line;
        RosterColumns columns;
        try {
            RosterCsvReader csv = new RosterCsvReader(new BufferedReader(new StringReader(stored.rawInput())));
            header = csv.next();
            line = csv.next();
            columns = RosterColumns.of(header.fields(), emailRequired);
        } catch (IOException | RuntimeException e) {
            return new ReplayOutcome.NotReplayable("its raw input does not start with the roster file's header"
                    + " (a reject stored before headers were kept): " + e.getMessage());
        }
        if (line == null) {
            return new ReplayOutcome.NotReplayable("its raw input holds no roster line after the header");
        }
        long lineNumber = stored.lineNumber() == null ? line.line() : stored.lineNumber();
        RosterCsvReader.Record original = RosterFileLoader.fitted(
                new RosterCsvReader.Record(line.fields(), line.raw(), lineNumber, line.malformed()), columns);
        String fileName = stored.sourceRef();
        String keyPrefix = stored.recordKey().substring(0, stored.recordKey().lastIndexOf(':'));
        String mis;
        try {
            mis = RosterFileLoader.misCode(original, columns, RosterFileLoader.defaultMisCode(fileName, columns, misCodes));
        } catch (IllegalArgumentException e) {
            mis = null; // several colleges and nothing says which: the MIS code check below says so
        }
        Reject still = RosterFileLoader.lineReject(original, columns, mis, misCodes, header.raw(), fileName, keyPrefix);
        if (still != null) {
            return new ReplayOutcome.StillRejected(still);
        }
        RosterStudent student = columns.student(original.fields());
        RosterProblem problem = validator.check(student).orElse(null);
        if (problem != null) {
            return new ReplayOutcome.StillRejected(new Reject(source(), stored.recordKey(), fileName, lineNumber,
                    stored.rawInput(), problem.reason(), problem.detail()));
        }
        String source = files.source(c, fileName, keyPrefix).orElse(RosterFileLoader.source(fileName, keyPrefix));
        Timestamp now = Timestamp.valueOf(LocalDateTime.now(clock));
        try (PreparedStatement insert = requests.prepareInsert(c)) {
            requests.bindInsert(insert, mis, student, RosterFileLoader.storableBirthDate(student), null, source, lineNumber, now);
            insert.executeUpdate();
        }
        return new ReplayOutcome.Staged("line " + lineNumber + " of " + fileName + " (into the outbox as PENDING)", false);
    }
}
