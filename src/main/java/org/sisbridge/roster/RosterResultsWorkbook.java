package org.sisbridge.roster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The results of a workbook roster as a workbook too (staff dropped a .xlsx, they open a .xlsx):
 * the results CSV, cell for cell, written by POI's streaming writer (SXSSFWorkbook keeps
 * {@value #WINDOW} rows in memory, the rest goes to a temporary file), so a 100,000-row roster's
 * results fit the heap. Every cell is a text cell in the "@" (Text) format: a text cell is never a
 * formula, and Excel keeps the leading zeros of a local id. The values are the CSV's, so they went
 * through {@link org.sisbridge.csv.SpreadsheetSafeCell} already ('=... for a formula-like value):
 * one file reads like the other.
 */
final class RosterResultsWorkbook {

    private static final int WINDOW = 100;

    private RosterResultsWorkbook() {
    }

    /** Writes the workbook next to the results CSV, by a temporary file and a rename; returns its path. */
    static Path writeFrom(Path resultsCsv) throws IOException {
        String csvName = resultsCsv.getFileName().toString();
        Path target = resultsCsv.resolveSibling(csvName.replaceAll("(?i)\\.csv$", "") + ".xlsx");
        Path temp = resultsCsv.resolveSibling("." + target.getFileName() + ".tmp");
        SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
        workbook.setCompressTempFiles(true); // the temporary sheet file holds student ids: keep it small and short-lived
        try (BufferedReader in = Files.newBufferedReader(resultsCsv, StandardCharsets.UTF_8)) {
            SXSSFSheet sheet = workbook.createSheet("results");
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            RosterCsvReader csv = new RosterCsvReader(in);
            int rowNumber = 0;
            for (RosterCsvReader.Record r = csv.next(); r != null; r = csv.next()) {
                Row row = sheet.createRow(rowNumber++);
                for (int i = 0; i < r.fields().size(); i++) {
                    if (!r.fields().get(i).isEmpty()) {
                        var cell = row.createCell(i);
                        cell.setCellStyle(text);
                        cell.setCellValue(r.fields().get(i));
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(temp)) {
                workbook.write(out);
            }
        } finally {
            workbook.close();
            workbook.dispose();
        }
        return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }
}
