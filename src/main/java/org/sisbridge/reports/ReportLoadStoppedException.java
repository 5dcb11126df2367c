package org.sisbridge.reports;

/**
 * The agent is stopping, so a report load ended at a chunk boundary: its committed chunks stay,
 * its load-table row is not written, and the report is loaded again on the next start (the rows
 * already staged are skipped by their keys). Not a failure of the report.
 */
public class ReportLoadStoppedException extends Exception {

    public ReportLoadStoppedException(String reportId, long rowsRead) {
        super("loading of report " + reportId + " paused by shutdown after " + rowsRead + " rows read and committed;"
                + " it is loaded again on the next start, without duplicates");
    }
}
