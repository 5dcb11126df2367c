package org.sisbridge.roster;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Workbooks as staff make them, built with POI for the tests: text, numbers shown with leading zeros,
 * dates as Excel dates (shown m/d/yy) or as typed text, formulas with their computed results.
 */
final class RosterWorkbooks {

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final XSSFSheet sheet = workbook.createSheet("Fall roster");
    private final CellStyle excelDate = workbook.createCellStyle();
    private final CellStyle fiveDigits = workbook.createCellStyle();
    private Row row;

    RosterWorkbooks() {
        excelDate.setDataFormat(workbook.createDataFormat().getFormat("m/d/yy"));
        fiveDigits.setDataFormat(workbook.createDataFormat().getFormat("00000"));
    }

    /** Starts the row of that 1-based number (rows left out stay empty). */
    RosterWorkbooks row(int number) {
        row = sheet.createRow(number - 1);
        return this;
    }

    RosterWorkbooks text(int column, String value) {
        row.createCell(column).setCellValue(value);
        return this;
    }

    RosterWorkbooks texts(String... values) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                text(i, values[i]);
            }
        }
        return this;
    }

    /** A date cell: a number of days shown with the m/d/yy format (a two-digit year on screen). */
    RosterWorkbooks date(int column, LocalDate value) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(excelDate);
        return this;
    }

    /** A number shown with five digits, as a ZIP code or a local id column is formatted to keep its zeros. */
    RosterWorkbooks zeroPadded(int column, double value) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(fiveDigits);
        return this;
    }

    /** A number in the General format. */
    RosterWorkbooks number(int column, double value) {
        row.createCell(column).setCellValue(value);
        return this;
    }

    RosterWorkbooks formula(int column, String formula) {
        row.createCell(column).setCellFormula(formula);
        return this;
    }

    /** Writes it, formulas computed first (as Excel saves them, with their cached results). */
    Path write(Path file) throws Exception {
        workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
        workbook.close();
        return file;
    }
}
