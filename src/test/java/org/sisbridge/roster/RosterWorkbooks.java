package org.sisbridge.roster;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Workbooks as staff make them, built with POI for the tests: text, numbers shown with leading zeros,
 * dates as Excel dates (shown m/d/yy), as ISO 8601 date cells or as typed text, formulas with their
 * computed results; saved as an ordinary workbook or as Excel's "Strict Open XML Spreadsheet".
 */
final class RosterWorkbooks {

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final XSSFSheet sheet = workbook.createSheet("Fall roster");
    private final CellStyle excelDate = workbook.createCellStyle();
    private final CellStyle fiveDigits = workbook.createCellStyle();
    private Row row;
    /** ISO 8601 date cells (t="d"), by reference: POI writes none, so they are put in the sheet's XML after writing. */
    private final Map<String, String> isoDates = new LinkedHashMap<>();

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

    /**
     * A date cell stored as ISO 8601 text ({@code <c t="d"><v>2004-07-15T00:00:00</v></c>}), as the standard allows and
     * as some programs and libraries (openpyxl's iso_dates, for one) write it; shown m/d/yy.
     */
    RosterWorkbooks isoDate(int column, String iso) {
        Cell cell = row.createCell(column);
        cell.setCellValue(0);
        cell.setCellStyle(excelDate);
        isoDates.put(new CellReference(row.getRowNum(), column).formatAsString(), iso);
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
        if (!isoDates.isEmpty()) {
            rewrite(file, this::withIsoDates);
        }
        return file;
    }

    /**
     * Writes it as Excel's Save As "Strict Open XML Spreadsheet" does: the same parts, their XML in the strict
     * namespace and linked by the strict relationship types (as in {@code strict-open-xml.xlsx} of Apache POI's
     * corpus, saved so by Excel); the package's own relationship and content-type names stay.
     */
    Path writeStrict(Path file) throws Exception {
        write(file);
        rewrite(file, xml -> xml
                .replace("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
                .replace("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                        "http://purl.oclc.org/ooxml/officeDocument/relationships"));
        return file;
    }

    private String withIsoDates(String xml) {
        for (Map.Entry<String, String> date : isoDates.entrySet()) {
            Matcher cell = Pattern.compile("<c r=\"" + date.getKey() + "\"([^>]*)>.*?</c>").matcher(xml);
            if (cell.find()) {
                String otherAttributes = cell.group(1).replaceAll(" t=\"[^\"]*\"", "");
                xml = xml.substring(0, cell.start()) + "<c r=\"" + date.getKey() + "\"" + otherAttributes
                        + " t=\"d\"><v>" + date.getValue() + "</v></c>" + xml.substring(cell.end());
            }
        }
        return xml;
    }

    /** Rewrites the text of every XML part (.xml and .rels) of the workbook file in place. */
    static void rewrite(Path file, UnaryOperator<String> xml) throws Exception {
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(file);
             ZipInputStream zip = new ZipInputStream(in);
             ZipOutputStream out = new ZipOutputStream(rewritten)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                byte[] part = zip.readAllBytes();
                if (entry.getName().endsWith(".xml") || entry.getName().endsWith(".rels")) {
                    part = xml.apply(new String(part, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(part);
                out.closeEntry();
            }
        }
        Files.write(file, rewritten.toByteArray());
    }
}
