package org.sisbridge.roster;

import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;

/**
 * Turns the rows of a streamed sheet into the records a roster CSV gives: the fields in column
 * order (a cell the sheet leaves out is an empty field), the row number as the line, and the row
 * written as a CSV line as its raw text, so a rejected row can be read, fixed and replayed like a
 * CSV line. The first row with a value is the header; a row of nothing but empty or all-space cells
 * is skipped (spreadsheets keep formatted, empty rows); such cells past the header's last column are dropped,
 * while a value there makes the row one field too wide, as in a CSV. A row longer than the record
 * cap is returned as too long, like a CSV line.
 */
final class WorkbookRowCollector implements SheetContentsHandler {

    /** Receives each record as it is complete; may block (the reader's queue is bounded). */
    interface Sink {
        void accept(RosterCsvReader.Record record);
    }

    private final Sink sink;
    private final int maxRecordChars;
    private final List<String> fields = new ArrayList<>();
    private int headerWidth = -1;
    private long chars;
    private boolean tooLong;
    private final StringBuilder tooLongRaw = new StringBuilder();

    WorkbookRowCollector(Sink sink, int maxRecordChars) {
        this.sink = sink;
        this.maxRecordChars = maxRecordChars;
    }

    @Override
    public void startRow(int rowNum) {
        fields.clear();
        chars = 0;
        tooLong = false;
        tooLongRaw.setLength(0);
    }

    @Override
    public void cell(String reference, String formattedValue, XSSFComment comment) {
        String value = formattedValue == null ? "" : formattedValue;
        if (tooLong) {
            return;
        }
        int column = reference == null ? fields.size() : new CellReference(reference).getCol();
        chars += value.length() + Math.max(1, column - fields.size() + 1);
        if (chars > maxRecordChars) {
            // keep what the raw text of a too-long record may hold, then only count
            tooLong = true;
            tooLongRaw.append(csvLine(fields));
            tooLongRaw.setLength(Math.min(tooLongRaw.length(), RosterCsvReader.MAX_RAW));
            fields.clear();
            return;
        }
        while (fields.size() < column) {
            fields.add("");
        }
        fields.add(value);
    }

    @Override
    public void endRow(int rowNum) {
        long line = rowNum + 1L; // the row number staff see
        if (tooLong) {
            sink.accept(new RosterCsvReader.Record(List.of(), tooLongRaw.toString(), line, true, true));
            return;
        }
        int lastValue = fields.size() - 1;
        while (lastValue >= 0 && UnicodeSpace.isBlank(fields.get(lastValue))) {
            lastValue--;
        }
        if (lastValue < 0) {
            return; // an empty row
        }
        int width = Math.max(lastValue + 1, headerWidth);
        List<String> row = new ArrayList<>(fields.subList(0, Math.min(width, fields.size())));
        while (row.size() < width) {
            row.add("");
        }
        if (headerWidth < 0) {
            headerWidth = row.size();
        }
        sink.accept(new RosterCsvReader.Record(row, csvLine(row), line, false));
    }

    /** The row as an RFC 4180 line: what a staff member would have saved as CSV. */
    static String csvLine(List<String> row) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String v = row.get(i);
            boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
            line.append(quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }
        return line.toString();
    }
}
