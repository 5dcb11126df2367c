package org.sisbridge.benchmark;

import java.io.PrintStream;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * What a pass does before each of its timed phases (the pipeline, the plain insert, COPY): the
 * database settled and the heap collected ({@link BenchmarkDatabase#settle}), so that whichever phase
 * comes second does not pay for the first one's writes or garbage. A database that cannot be settled
 * (a user without the privilege) is said once a pass, and the phases go on.
 */
final class PhaseSettling {

    private final BenchmarkDatabase database;
    private final DataSource staging;
    private final PrintStream out;
    private boolean said;

    PhaseSettling(BenchmarkDatabase database, DataSource staging, PrintStream out) {
        this.database = database;
        this.staging = staging;
        this.out = out;
    }

    void beforePhase() throws SQLException, InterruptedException {
        String missed = database.settle(staging);
        if (missed != null && !said) {
            out.println("  note: " + missed);
            said = true;
        }
    }
}
