package org.sisbridge.benchmark;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.sisbridge.simulator.StudentPopulation;

/**
 * The roster workbook the benchmark drops: N students as staff keep them, half the birth dates as
 * Excel dates and half as typed text, ZIP codes as numbers shown with five digits, 1 in 50 a
 * duplicate of a seeded account by e-mail, 1 in 100 too young. Written streaming (SXSSF), so even the
 * untimed preparation fits a small heap.
 */
final class BenchmarkRosterWorkbook {

    private BenchmarkRosterWorkbook() {
    }

    static Path write(Path file, int students, StudentPopulation seeded) throws Exception {
        Files.createDirectories(file.getParent());
        SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        try (OutputStream out = Files.newOutputStream(file)) {
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("m/d/yy"));
            CellStyle zip = workbook.createCellStyle();
            zip.setDataFormat(workbook.createDataFormat().getFormat("00000"));
            SXSSFSheet sheet = workbook.createSheet("Roster");
            Row header = sheet.createRow(0);
            String[] names = {"Local ID", "First Name", "Last Name", "Birth Date", "E-mail", "Postal Code"};
            for (int c = 0; c < names.length; c++) {
                header.createCell(c).setCellValue(names[c]);
            }
            for (int i = 0; i < students; i++) {
                Row row = sheet.createRow(i + 1);
                row.createCell(0).setCellValue("S" + i);
                row.createCell(1).setCellValue("Student");
                row.createCell(2).setCellValue(RosterBenchmark.lastName(i));
                LocalDate born = i % 100 == 3 ? LocalDate.now().minusYears(2) : LocalDate.of(1990, 1, 1).plusDays(i % 7000);
                if (i % 2 == 0) {
                    Cell cell = row.createCell(3);
                    cell.setCellValue(born);
                    cell.setCellStyle(date);
                } else {
                    row.createCell(3).setCellValue(born.toString());
                }
                row.createCell(4).setCellValue(i % 50 == 7 ? seeded.student(i % 5000).email() : "s" + i + "@bench.example.edu");
                Cell postal = row.createCell(5);
                postal.setCellValue(2134);
                postal.setCellStyle(zip);
            }
            workbook.write(out);
        } finally {
            workbook.close();
            workbook.dispose();
        }
        return file;
    }
}
