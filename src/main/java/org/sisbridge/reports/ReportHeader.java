package org.sisbridge.reports;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sisbridge.csv.CsvRecord;

/**
 * Where each known column sits in a report, read from its header row: columns may come in any
 * order, unknown extra columns are ignored, and a missing mandatory column refuses the report.
 */
public final class ReportHeader {

    private final Map<ReportColumn, Integer> positions;
    private final int width;
    private final String raw;

    private ReportHeader(Map<ReportColumn, Integer> positions, int width, String raw) {
        this.positions = positions;
        this.width = width;
        this.raw = raw;
    }

    public static ReportHeader parse(CsvRecord header) throws ReportRefusedException {
        Map<ReportColumn, Integer> positions = new EnumMap<>(ReportColumn.class);
        List<String> cells = header.fields();
        for (int i = 0; i < cells.size(); i++) {
            ReportColumn column = ReportColumn.fromHeader(cells.get(i));
            if (column != null && positions.putIfAbsent(column, i) != null) {
                throw new ReportRefusedException("the header names column " + column.columnName() + " twice");
            }
        }
        List<String> missing = new ArrayList<>();
        for (ReportColumn column : ReportColumn.values()) {
            if (column.mandatory() && !positions.containsKey(column)) {
                missing.add(column.columnName());
            }
        }
        if (!missing.isEmpty()) {
            throw new ReportRefusedException("the header row lacks the mandatory column(s) " + missing
                    + ": this is not an ID.me status change report");
        }
        return new ReportHeader(positions, cells.size(), header.raw());
    }

    /** The header line as it stood in the file (column names only, no student data). */
    public String raw() {
        return raw;
    }

    /** Fields a row must have: as many as the header. */
    public int width() {
        return width;
    }

    /** @return the row's value of that column; null when the column is absent or the field empty */
    public String value(List<String> fields, ReportColumn column) {
        Integer at = positions.get(column);
        if (at == null) {
            return null;
        }
        String value = fields.get(at).trim();
        return value.isEmpty() ? null : value;
    }
}
