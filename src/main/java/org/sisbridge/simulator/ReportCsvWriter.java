package org.sisbridge.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * Writes a report as the contract's CSV, streaming (one row in memory), in the form the settings
 * ask for: LF or CRLF, with or without a BOM, columns in the contract's order or another, with or
 * without an extra free-text column, plain or fully quoted. Used by the simulator's download
 * endpoint and, for the same bytes as a file, by drop-folder tests, the demo and the benchmark.
 */
public final class ReportCsvWriter {
    static final String[] COLUMNS = {"mis_code", "ccc_id", "latest_app_id", "latest_app_tstmp_submit",
            "latest_app_idme_workflow_status", "latest_app_idme_optin_timestamp", "latest_app_idme_confirmation_timestamp",
            "current_idme_workflow_status", "current_idme_optin_timestamp", "current_idme_confirmation_timestamp",
            "current_idme_workflow_status_change_timestamp"};
    /** "Another order": the contract's columns back to front, the key columns last. */
    private static final int[] SHUFFLED = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    private static final int[] CONTRACT = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    /** Where the extra column goes: among the known ones, so a client must read the header to skip it. */
    private static final int EXTRA_AT = 3;
    private static final String EXTRA = "staff_note";
    private static final String QUOTED_NOTE = "Called student, left \"voicemail\"\nsee ticket 42, \"urgent\"";

    /** Told where each row starts, for tests that expect a reject on a given line. */
    public interface LineListener {
        void row(ReportRow row, long line);
    }

    private final ReportSettings form;

    public ReportCsvWriter(ReportSettings form) {
        this.form = form;
    }

    public void write(OutputStream out, Iterator<ReportRow> rows) throws IOException {
        write(out, rows, (row, line) -> { });
    }

    public void write(OutputStream out, Iterator<ReportRow> rows, LineListener listener) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        if (form.bom) {
            w.write('\uFEFF');
        }
        String eol = form.crlf ? "\r\n" : "\n";
        boolean extra = form.extraColumn || form.quotedFields;
        int[] order = form.shuffledColumns ? SHUFFLED : CONTRACT;
        String[] header = new String[COLUMNS.length];
        for (int i = 0; i < order.length; i++) {
            header[i] = COLUMNS[order[i]];
        }
        long line = writeRecord(w, header, extra ? EXTRA : null, eol, 1);
        while (rows.hasNext()) {
            ReportRow row = rows.next();
            String[] values = row.values();
            String[] ordered = new String[values.length];
            for (int i = 0; i < order.length; i++) {
                ordered[i] = values[order[i]];
            }
            listener.row(row, line);
            line = writeRecord(w, ordered, extra ? (form.quotedFields ? QUOTED_NOTE : "ok") : null, eol, line);
        }
        w.flush();
    }

    /** @return the line the next record starts on */
    private long writeRecord(Writer w, String[] fields, String extraValue, String eol, long line) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            if (i == EXTRA_AT && extraValue != null) {
                line += field(w, extraValue);
                w.write(',');
            }
            line += field(w, fields[i]);
        }
        w.write(eol);
        return line + 1;
    }

    /** @return line breaks written inside the field */
    private int field(Writer w, String value) throws IOException {
        boolean quote = form.quotedFields || value.indexOf(',') >= 0 || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        if (!quote) {
            w.write(value);
            return 0;
        }
        String body = value.replace("\"", "\"\"");
        if (form.crlf) {
            body = body.replace("\n", "\r\n");
        }
        w.write('"');
        w.write(body);
        w.write('"');
        return (int) value.chars().filter(c -> c == '\n').count();
    }
}
