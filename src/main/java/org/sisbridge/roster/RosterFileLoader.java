package org.sisbridge.roster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.sisbridge.dictionary.RejectReason;
import org.sisbridge.dropfolder.DropFolderGuard;
import org.sisbridge.staging.Reject;
import org.sisbridge.staging.RejectWriter;
import org.sisbridge.staging.StagingFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a dropped roster file's students into the outbox, streaming, in one transaction with the
 * file's record (source = file name + sha256; a file whose content was loaded before, under any
 * name, enters nothing and says which file it repeats). Each
 * row is validated as it is read: a bad row enters as REJECTED with its reason (so the results
 * file lists it), a line that is not readable CSV goes to the rejects table with its line number.
 * A row of nothing but empty fields (a spreadsheet's formatted, empty row) is skipped like a blank
 * line, and a row short of trailing fields is read with them empty ({@link #fitted}).
 * A line longer than sisbridge.roster.max-line-chars is rejected (ROSTER_LINE_TOO_LONG) and the
 * file goes on from the next line end, so no file holds more than one line's cap in memory.
 * A file that cannot be used at all (no header, a required column missing, a quote never closed,
 * a byte its encoding does not define) fails with a reason, and nothing of it enters.
 * Its encoding is found as {@link RosterFileText} says and recorded with the file.
 * A workbook (.xlsx) is read the same way, its first sheet's rows as records
 * ({@link WorkbookRosterRecords}), the row number as the line.
 */
public class RosterFileLoader {

    /** The header that tells the file consumer where a dropped file moves (routes/roster-drop.yaml, move and moveFailed). */
    public static final String TARGET = "rosterDropTarget";

    /** What the roster file table records as a workbook's encoding (its cells are Unicode, the file a zip). */
    static final String WORKBOOK_ENCODING = "xlsx workbook";

    public static final String REJECT_SOURCE = "roster-file";
    private static final Logger LOG = LoggerFactory.getLogger(RosterFileLoader.class);

    private final DataSource dataSource;
    private final CccidRequestTable requests;
    private final RosterFileTable files;
    private final RosterValidator validator;
    private final RejectWriter rejects;
    private final Set<String> misCodes;
    private final boolean emailRequired;
    private final int batchSize;
    private final Clock clock;
    private final RosterFileFailure failure;
    private final int maxLineChars;
    private final RosterFileText.Fallback fallback;
    private final WorkbookLimits workbookLimits;

    /** A loader that reads a file which is not UTF-8 as windows-1252 or Mac Roman (sisbridge.roster.charset = auto). */
    public RosterFileLoader(DataSource dataSource, CccidRequestTable requests, RosterFileTable files, RosterValidator validator,
                            RejectWriter rejects, Set<String> misCodes, boolean emailRequired, int batchSize, Clock clock,
                            RosterFileFailure failure, int maxLineChars) {
        this(dataSource, requests, files, validator, rejects, misCodes, emailRequired, batchSize, clock, failure, maxLineChars,
                RosterFileText.Fallback.AUTO, WorkbookLimits.DEFAULTS);
    }

    /**
     * @param maxLineChars the longest record read (sisbridge.roster.max-line-chars); a longer one is rejected
     * @param fallback how the encoding of a file with no BOM that is not valid UTF-8 is chosen (sisbridge.roster.charset)
     * @param workbookLimits what reading one roster workbook (.xlsx) may cost
     */
    public RosterFileLoader(DataSource dataSource, CccidRequestTable requests, RosterFileTable files, RosterValidator validator,
                            RejectWriter rejects, Set<String> misCodes, boolean emailRequired, int batchSize, Clock clock,
                            RosterFileFailure failure, int maxLineChars, RosterFileText.Fallback fallback,
                            WorkbookLimits workbookLimits) {
        this.fallback = fallback;
        this.workbookLimits = workbookLimits;
        this.failure = failure;
        this.maxLineChars = maxLineChars;
        this.dataSource = dataSource;
        this.requests = requests;
        this.files = files;
        this.validator = validator;
        this.rejects = rejects;
        this.misCodes = misCodes;
        this.emailRequired = emailRequired;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /**
     * The drop folder's side of a dropped file (routes/roster-drop.yaml): loads it, then says where the file
     * consumer moves it (header {@value #TARGET}, relative to the inbox): done/ when it was loaded or repeats
     * one that was, error/ with a NAME.reason beside it when it cannot be used. A refused file completes
     * normally, so its one log line is the reason's ({@link RosterFileFailure}), with no Camel error handler
     * or rollback lines after it. A staging database failure still fails the exchange, for the routes'
     * error policy (drop-folder-staging-errors), and the file moves to the same error/ name (moveFailed).
     */
    public void take(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        File file = message.getBody(File.class);
        String fileName = message.getHeader(Exchange.FILE_NAME_ONLY, String.class);
        loadOrExplain(file, fileName, target -> message.setHeader(TARGET, target));
    }

    /**
     * Loads the file, or explains in error/NAME.reason why not (see {@link #take}).
     *
     * @return where the file is to move, relative to the inbox (done/..., error/...)
     */
    public String loadOrExplain(File file, String fileName) throws Exception {
        String[] target = new String[1];
        loadOrExplain(file, fileName, t -> target[0] = t);
        return target[0];
    }

    private void loadOrExplain(File file, String fileName, Consumer<String> moveTo) throws Exception {
        try {
            // checked again just before reading: the entry may have been swapped for a link since the scan
            String unreadable = DropFolderGuard.problem(file.toPath()).orElse(null);
            if (unreadable != null) {
                throw new IllegalArgumentException(unreadable);
            }
            Loaded loaded = loadFile(file, fileName);
            moveTo.accept(loaded.duplicateTarget() != null ? loaded.duplicateTarget()
                    : failure.loadedTarget(fileName, LocalDateTime.now(clock)));
        } catch (Exception e) {
            moveTo.accept(failure.explain(fileName, e));
            if (StagingFailure.isStagingFailure(e)) {
                throw e; // the error policy records it; the consumer's rollback moves the file (moveFailed)
            }
        } catch (Error e) {
            // still say why the file moves to error/ (a JVM that is out of memory exits right after)
            moveTo.accept(failure.explain(fileName, new IllegalStateException("the agent could not load it (" + e + ")")));
            throw e;
        }
    }

    /** What a load did: the rows it entered, or where a file that repeats an earlier one moves (done/NAME). */
    record Loaded(long rows, String duplicateTarget) {
    }

    /** The outbox's source of a file's rows: its name and its content's sha256. */
    static String source(String fileName, String sha256) {
        return CccidRequestTable.truncate(fileName, 200) + " sha256:" + sha256;
    }

    /** @return rows entered into the outbox (0 when the same file was loaded before) */
    public long load(File file, String fileName) throws IOException, SQLException {
        return loadFile(file, fileName).rows();
    }

    /** Loads the file; a file whose content was loaded before enters nothing and gets its done/ reason. */
    Loaded loadFile(File file, String fileName) throws IOException, SQLException {
        // one pass takes the sha256 (and, for text, finds the encoding); a workbook is a zip, whose bytes are no text
        boolean workbook = WorkbookRosterRecords.isWorkbook(fileName);
        RosterFileText text = RosterFileText.scan(file.toPath(), fallback);
        if (!workbook && text.unusable() != null) {
            throw new IllegalArgumentException(text.unusable());
        }
        String encoding = workbook ? WORKBOOK_ENCODING : text.encoding();
        String sha256 = text.sha256();
        String source = source(fileName, sha256);
        String[] earlier = new String[1];
        long[] counts = RosterTransaction.run(dataSource, c -> {
            // the same bytes under any name enter once: a file dropped again renamed must not send its students twice
            var loaded = files.loadedWithContent(c, sha256);
            if (loaded.isPresent()) {
                earlier[0] = "the roster file " + loaded.get()[0] + " loaded at " + loaded.get()[1];
                return null;
            }
            long[] n = read(c, file.toPath(), text, fileName, source, sha256.substring(0, 16));
            files.insert(c, source, fileName, n[0], n[1], now(), encoding);
            return n;
        });
        if (counts == null) {
            return new Loaded(0, failure.duplicate(fileName, "it has the same content (sha256 " + sha256.substring(0, 16)
                    + "...) as " + earlier[0] + "; its students entered the outbox once, from that file, and its results"
                    + " file has their outcomes"));
        }
        LOG.info("Roster file {} loaded as {}: {} row(s) into the outbox, {} unreadable line(s) rejected", fileName,
                encoding, counts[0], counts[1]);
        failure.loaded(fileName, counts[0], counts[1]);
        return new Loaded(counts[0], null);
    }

    /** The file's records: CSV (or tab/semicolon-separated text) in the encoding its scan found. */
    private RosterRecords records(Path file, RosterFileText text) throws IOException {
        return new RosterCsvReader(text.open(file), maxLineChars);
    }

    private long[] read(Connection c, Path file, RosterFileText text, String fileName, String source, String keyPrefix)
            throws SQLException {
        Timestamp now = now();
        long rows = 0;
        List<Reject> unreadable = new ArrayList<>();
        long unreadableTotal = 0;
        long lastLine = 0;
        try (RosterRecords csv = WorkbookRosterRecords.isWorkbook(fileName)
                ? WorkbookRosterRecords.open(file, maxLineChars, workbookLimits) : records(file, text);
             PreparedStatement insert = requests.prepareInsert(c)) {
            RosterCsvReader.Record header = csv.next();
            if (header != null && header.tooLong()) {
                throw new IllegalArgumentException("its header line is longer than " + maxLineChars
                        + " characters (sisbridge.roster.max-line-chars): this is not a roster file");
            }
            if (header == null || header.malformed()) {
                throw new IllegalArgumentException("the file is empty or its header line is not readable CSV");
            }
            RosterColumns columns = RosterColumns.of(header.fields(), emailRequired);
            String defaultMis = defaultMisCode(fileName, columns, misCodes);
            int pending = 0;
            for (RosterCsvReader.Record read = csv.next(); read != null; read = csv.next()) {
                lastLine = read.line();
                if (read.blank()) {
                    continue;
                }
                RosterCsvReader.Record r = fitted(read, columns);
                String mis = r.tooLong() ? defaultMis : misCode(r, columns, defaultMis);
                Reject lineReject = lineReject(r, columns, mis, misCodes, header.raw(), fileName, keyPrefix);
                if (lineReject != null) {
                    unreadable.add(lineReject);
                    unreadableTotal++;
                    if (unreadable.size() >= batchSize) {
                        rejects.write(c, unreadable);
                        unreadable.clear();
                    }
                    continue;
                }
                RosterStudent student = columns.student(r.fields());
                RosterProblem problem = validator.check(student).orElse(null);
                requests.bindInsert(insert, mis, student, storableBirthDate(student), problem, source, r.line(), now);
                insert.addBatch();
                rows++;
                if (++pending == batchSize) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
            rejects.write(c, unreadable);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("it is not " + text.encoding() + " text: after line " + lastLine + " a byte"
                    + " that encoding does not define; save it again as \"CSV UTF-8\" (or set sisbridge.roster.charset)", e);
        } catch (IOException e) {
            throw new IllegalStateException("the file could not be read: " + e.getMessage(), e);
        }
        return new long[] {rows, unreadableTotal};
    }

    /** The birth date as a date column takes it; null when it is no real date (the row is then REJECTED). */
    static java.time.LocalDate storableBirthDate(RosterStudent student) {
        return RosterValidator.parseBirthDate(student.birthDate()).filter(d -> d.getYear() > 1000 && d.getYear() < 10000).orElse(null);
    }

    /**
     * The record with as many fields as the header, where that loses nothing: a row short of
     * fields is padded with empty ones (a spreadsheet leaves out a row's trailing empty cells), and
     * a row with more fields than the header loses its extra ones when they are all blank. Any other
     * record (one with values past the header, broken quoting, too long) is returned as it is.
     */
    static RosterCsvReader.Record fitted(RosterCsvReader.Record r, RosterColumns columns) {
        List<String> fields = r.fields();
        int width = columns.width();
        if (r.malformed() || r.tooLong() || fields.size() == width) {
            return r;
        }
        if (fields.size() > width && !fields.subList(width, fields.size()).stream().allMatch(UnicodeSpace::isBlank)) {
            return r;
        }
        List<String> fitted = new ArrayList<>(fields.subList(0, Math.min(width, fields.size())));
        while (fitted.size() < width) {
            fitted.add("");
        }
        return new RosterCsvReader.Record(fitted, r.raw(), r.line(), false);
    }

    static String misCode(RosterCsvReader.Record r, RosterColumns columns, String defaultMis) {
        return columns.has("mis_code") && columns.get(r.fields(), "mis_code") != null ? columns.get(r.fields(), "mis_code") : defaultMis;
    }

    /**
     * The reject of a line that cannot enter the outbox at all (unreadable, or for a college this
     * agent does not serve), or null. Its raw input is the header and the line, so that a replay
     * reads the line by the same column names.
     */
    static Reject lineReject(RosterCsvReader.Record r, RosterColumns columns, String mis, Set<String> misCodes,
                             String rawHeader, String fileName, String keyPrefix) {
        if (r.tooLong()) {
            return new Reject(REJECT_SOURCE, keyPrefix + ":" + r.line(), fileName, r.line(),
                    rawHeader + "\n" + r.raw(), RejectReason.ROSTER_LINE_TOO_LONG, "line " + r.line()
                    + " is longer than sisbridge.roster.max-line-chars; only its first "
                    + RosterCsvReader.MAX_RAW + " characters are kept here, and the file was read on from the next line end");
        }
        RejectReason problem = r.malformed() || r.fields().size() != columns.width()
                ? RejectReason.UNREADABLE_ROSTER_LINE : !misCodes.contains(mis) ? RejectReason.MIS_CODE_NOT_CONFIGURED : null;
        if (problem == null) {
            return null;
        }
        return new Reject(REJECT_SOURCE, keyPrefix + ":" + r.line(), fileName, r.line(), rawHeader + "\n" + r.raw(), problem,
                problem == RejectReason.UNREADABLE_ROSTER_LINE ? "line " + r.line() + " has " + r.fields().size()
                        + " field(s), the header " + columns.width() + (r.malformed() ? ", and broken quoting" : "")
                        : "line " + r.line() + " names a MIS code this agent does not serve");
    }

    /** The college of rows without a mis_code: the only one served, or the file name's NNN_ / NNN- prefix. */
    static String defaultMisCode(String fileName, RosterColumns columns, Set<String> misCodes) {
        if (misCodes.size() == 1) {
            return misCodes.iterator().next();
        }
        String prefix = fileName.length() > 3 && (fileName.charAt(3) == '_' || fileName.charAt(3) == '-') ? fileName.substring(0, 3) : null;
        if (prefix != null && misCodes.contains(prefix)) {
            return prefix;
        }
        if (!columns.has("mis_code")) {
            throw new IllegalArgumentException("this agent serves several MIS codes: start the file name with one"
                    + " (111_roster.csv) or add a mis_code column");
        }
        return null;
    }

    private Timestamp now() {
        return Timestamp.valueOf(LocalDateTime.now(clock));
    }
}
