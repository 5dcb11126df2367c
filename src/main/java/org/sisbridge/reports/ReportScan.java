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
 */
public final class ReportScan {

    private ReportScan() {
    }

    public record Result(String sha256, long rows) {
    }

    public static Result scan(Path file) throws IOException, ReportRefusedException {
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
            throw new ReportRefusedException("the file is not UTF-8 text");
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
