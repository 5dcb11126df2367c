package org.sisbridge.reports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.sisbridge.csv.CsvFormatException;
import org.sisbridge.csv.CsvRecord;
import org.sisbridge.csv.CsvRecordReader;
import org.sisbridge.dictionary.RejectReason;
import org.sisbridge.staging.HeldConnections;
import org.sisbridge.staging.KeyedInsert;
import org.sisbridge.staging.Reject;
import org.sisbridge.staging.RejectWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one scanned report file: reads it as a stream and commits its rows and rejects chunk by
 * chunk (sisbridge.staging.batch-size rows a transaction); the load-table row goes in with the
 * last chunk. A crash mid-report leaves no load-table row, so the report is loaded again, and the
 * row keys make the chunks already committed change nothing: the end state is exactly once.
 *
 * <p>When the agent is stopping, the load ends after the chunk it is committing ({@link
 * ReportLoadStoppedException}), so a shutdown never waits for the rest of a large report.
 *
 * <p>A chunk commits on a writer thread while the next ones are read and checked, so that parsing and
 * the database work overlap instead of taking turns (at most sisbridge.reports.chunks-in-flight
 * chunks wait for each writer, so that a chunk slow to read and one slow to commit do not hold each
 * other up). There are sisbridge.reports.writer-connections writers, each with a connection of its
 * own ({@link HeldConnections}), and the chunks take turns on them: the database inserts one chunk
 * while the agent binds and sends the next, where with a single connection it waited between chunks
 * (issue 17: on MariaDB a college layout's report went from 0.81 to 1.06 of a plain batch insert on
 * one connection). Each chunk is its own transaction; the last one, with the load-table row, commits
 * only after all the others have. After a failed chunk no chunk starts on any of the connections, and
 * one running on another is rolled back; a key two chunks carry is staged by the first to commit
 * and found taken by the other (insert-if-absent), so the order of the commits does not matter.
 *
 * <p>A bean that reads the stream itself rather than a Camel streaming split: the chunk's
 * transaction, the running counts and the final load-table row then live in one small method,
 * and memory stays at a few chunks whatever the report's size.
 */
public class ReportLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ReportLoader.class);

    private final DataSource dataSource;
    private final ReportRowValidator validator;
    private final StatusChangeTable changeTable;
    private final RejectWriter rejectWriter;
    private final ReportLoadTable loadTable;
    private final int chunkSize;
    private final Clock clock;
    private final BooleanSupplier stopping;
    private final List<ExecutorService> writers;
    private final int chunksInFlight;

    /**
     * @param stopping true once the agent is shutting down (checked after every chunk's hand-over)
     * @param writers single-threaded executors, one per connection a load writes on (sisbridge.reports.writer-connections):
     *                chunk n commits on writer n modulo their number
     * @param chunksInFlight chunks handed to each writer and not yet committed, at most (sisbridge.reports.chunks-in-flight)
     */
    public ReportLoader(DataSource dataSource, ReportRowValidator validator, StatusChangeTable changeTable,
                        RejectWriter rejectWriter, ReportLoadTable loadTable, int chunkSize, Clock clock,
                        BooleanSupplier stopping, List<ExecutorService> writers, int chunksInFlight) {
        if (writers.isEmpty()) {
            throw new IllegalArgumentException("a report load needs at least one writer");
        }
        this.writers = List.copyOf(writers);
        this.chunksInFlight = Math.max(1, chunksInFlight) * this.writers.size();
        this.dataSource = dataSource;
        this.validator = validator;
        this.changeTable = changeTable;
        this.rejectWriter = rejectWriter;
        this.loadTable = loadTable;
        this.chunkSize = chunkSize;
        this.clock = clock;
        this.stopping = stopping;
    }

    /** @param file a file that passed {@link ReportScan} */
    public ReportOutcome load(ReportIdentity report, Path file)
            throws IOException, SQLException, ReportRefusedException, ReportLoadStoppedException {
        String id = report.reportId();
        if (stopping.getAsBoolean()) {
            throw new ReportLoadStoppedException(id, 0);
        }
        List<StatusChangeRow> rows = new ArrayList<>(chunkSize);
        List<Reject> rejects = new ArrayList<>();
        Deque<Future<Integer>> inFlight = new ArrayDeque<>();
        Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
        long total = 0;
        long valid = 0;
        long inserted = 0;
        int chunks = 0;
        try (HeldConnections connections = new HeldConnections(dataSource, writers.size())) {
            try (InputStream bytes = Files.newInputStream(file); CsvRecordReader csv = ReportText.csv(bytes)) {
                ReportHeader header = ReportHeader.parse(csv.next());
                for (CsvRecord record = csv.next(); record != null; record = csv.next()) {
                    if (record.blank()) {
                        continue; // a spreadsheet's empty row (",,,,"): no row, like a blank line
                    }
                    total++;
                    RowCheck check = validator.check(id, header, record);
                    if (check instanceof RowCheck.Accepted ok) {
                        rows.add(ok.row());
                        valid++;
                    } else if (check instanceof RowCheck.Rejected bad) {
                        rejects.add(bad.reject());
                        rejected.merge(bad.reject().reason(), 1L, Long::sum);
                    }
                    if (rows.size() + rejects.size() >= chunkSize) {
                        // made ready to stage on this thread (grouped by key, on PostgreSQL the COPY text), so that
                        // the writer thread only talks to the database
                        KeyedInsert.Prepared<StatusChangeRow> chunkRows = changeTable.prepare(rows, id, LocalDateTime.now(clock));
                        List<Reject> chunkRejects = rejects;
                        while (inFlight.size() >= chunksInFlight) {
                            inserted += committed(inFlight.removeFirst());
                        }
                        int chunk = ++chunks;
                        // each writer thread commits on its own connection, so a connection's chunks keep their order
                        inFlight.addLast(writers.get(connections.connectionOf(chunk)).submit(
                                () -> commit(connections, chunk, report, chunkRows, chunkRejects, null)));
                        rows = new ArrayList<>(chunkSize);
                        rejects = new ArrayList<>();
                        LOG.debug("Report {}: chunk {} handed over, {} rows read so far", id, chunk, total);
                        if (stopping.getAsBoolean()) {
                            inserted += committedAll(inFlight);
                            throw new ReportLoadStoppedException(id, total);
                        }
                    }
                }
                inserted += committedAll(inFlight);
            } catch (CsvFormatException e) {
                throw new ReportRefusedException(e.getMessage()); // the scan passed, so the file changed under us
            } finally {
                // the read failed: the chunks in flight end (committed or not) before the failure is told
                inFlight.forEach(ReportLoader::settle);
            }
            long rejectedTotal = total - valid;
            // every chunk before it has committed: the last one, with the load row, on this thread
            inserted += commit(connections, chunks + 1, report, changeTable.prepare(rows, id, LocalDateTime.now(clock)), rejects,
                    new long[] {valid, rejectedTotal});
        }
        return new ReportOutcome(id, report.source(), ReportOutcome.Status.LOADED, total, valid, inserted, rejected, null);
    }

    /** Waits for every chunk in flight, in order: how many of their rows were new, or the first failure. */
    private static long committedAll(Deque<Future<Integer>> inFlight) throws SQLException {
        long inserted = 0;
        while (!inFlight.isEmpty()) {
            inserted += committed(inFlight.peekFirst());
            inFlight.removeFirst();
        }
        return inserted;
    }

    /** Waits for a chunk in flight: how many of its rows were new, or its commit's failure. */
    private static int committed(Future<Integer> inFlight) throws SQLException {
        try {
            return inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while a report chunk was committing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SQLException(e.getCause());
        }
    }

    private static void settle(Future<Integer> inFlight) {
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException alsoFailed) {
            // the read's own failure is the one told
        }
    }

    /**
     * One transaction on the load's connection: a chunk's rows and rejects, and on the last chunk
     * ({@code totals} set) the load-table row.
     */
    private int commit(HeldConnections connections, int chunk, ReportIdentity report,
                       KeyedInsert.Prepared<StatusChangeRow> rows, List<Reject> rejects, long[] totals) throws SQLException {
        LocalDateTime now = LocalDateTime.now(clock);
        int inserted = connections.commit(chunk, connection -> {
            // the chunk's first statement: a refused insert may roll back the whole transaction, no savepoint needed
            int stored = changeTable.insertNew(connection, rows.openingItsTransaction());
            rejectWriter.write(connection, rejects);
            if (totals != null) {
                loadTable.record(connection, report, totals[0], totals[1], now);
            }
            return stored;
        });
        rejects.clear();
        return inserted;
    }
}
