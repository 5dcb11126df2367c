package org.sisbridge.reports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.sisbridge.csv.CsvFormatException;
import org.sisbridge.csv.CsvRecord;
import org.sisbridge.csv.CsvRecordReader;

/**
 * The first pass over a report file, before anything is committed: its sha256, its number of
 * data rows, and whether it reads as a report to its end (UTF-8, a usable header, no unterminated
 * quote). Only a file that passes is loaded, so a broken file loads nothing at all.
 *
 * <p>A file is checked on its bytes ({@link ReportBytes}): reading every row as a record only to
 * count it made the scan cost as much as the load's own reading (issue 17). A file whose bytes are
 * not UTF-8 or not readable CSV is read again record by record, as before, so that it is refused with
 * exactly the words the loader's reader finds for it (which of two faults is told first depends on
 * how far the decoder reads ahead: only the reader itself says it the same way). Only a broken file
 * pays for that second reading.
 */
public final class ReportScan {

    private ReportScan() {
    }

    public record Result(String sha256, long rows) {
    }

    public static Result scan(Path file) throws IOException, ReportRefusedException {
        ReportBytes bytes = ReportBytes.read(file);
        if (!bytes.readable()) {
            return byRecords(file);
        }
        CsvRecord header = bytes.header();
        if (header == null) {
            throw new ReportRefusedException("the file is empty");
        }
        ReportHeader.parse(header);
        return new Result(bytes.sha256(), bytes.records() - 1);
    }

    /** The scan by the loader's own reader: slower, and the authority on what is wrong with a broken file. */
    static Result byRecords(Path file) throws IOException, ReportRefusedException {
        MessageDigest digest = sha256();
        long rows = 0;
        try (InputStream bytes = new DigestInputStream(Files.newInputStream(file), digest);
             CsvRecordReader csv = ReportText.csv(bytes)) {
            CsvRecord header = csv.next();
            if (header == null) {
                throw new ReportRefusedException("the file is empty");
            }
            ReportHeader.parse(header);
            while (csv.next() != null) {
                rows++;
            }
        } catch (CharacterCodingException e) {
            // ID.me writes UTF-8; a report that is not was most likely opened and saved again by a spreadsheet
            throw new ReportRefusedException("the file is not UTF-8 text (a report saved again by a spreadsheet"
                    + " program as 'Unicode Text' or windows-1252?): drop the file as it came, or save it as 'CSV UTF-8'");
        } catch (CsvFormatException e) {
            throw new ReportRefusedException(e.getMessage());
        }
        return new Result(HexFormat.of().formatHex(digest.digest()), rows);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
