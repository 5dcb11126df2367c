package org.sisbridge.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.sisbridge.csv.CsvFormatException;
import org.sisbridge.csv.CsvRecord;
import org.sisbridge.csv.CsvRecordCounter;
import org.sisbridge.csv.CsvRecordReader;

/**
 * One pass over a report's bytes, none of them decoded but the header's: the sha256 of the whole
 * file, whether it is strict UTF-8 ({@link StrictUtf8}) and whether {@link CsvRecordReader} reads it
 * to its end ({@link CsvRecordCounter}, after the byte order mark {@link ReportText} skips), how many
 * records it has, and its first record.
 */
final class ReportBytes {

    private static final int BUFFER = 64 * 1024;
    private static final int BOM_LENGTH = 3;

    private final String sha256;
    private final boolean readable;
    private final long records;
    private final byte[] firstRecord;

    private ReportBytes(String sha256, boolean readable, long records, byte[] firstRecord) {
        this.sha256 = sha256;
        this.readable = readable;
        this.records = records;
        this.firstRecord = firstRecord;
    }

    static ReportBytes read(Path file) throws IOException {
        MessageDigest digest = ReportScan.sha256();
        StrictUtf8 utf8 = new StrictUtf8();
        CsvRecordCounter csv = new CsvRecordCounter();
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            // a full buffer each time but the last, so the first holds the whole byte order mark if there is one
            int n = in.readNBytes(buffer, 0, BUFFER);
            int start = startsWithBom(buffer, n) ? BOM_LENGTH : 0;
            while (n > 0) {
                digest.update(buffer, 0, n);
                utf8.accept(buffer, 0, n);
                csv.accept(buffer, start, n);
                start = 0;
                n = in.readNBytes(buffer, 0, BUFFER);
            }
        }
        return new ReportBytes(HexFormat.of().formatHex(digest.digest()),
                utf8.wellFormedToTheEnd() && csv.readableToTheEnd(), csv.records(), csv.firstRecord());
    }

    private static boolean startsWithBom(byte[] bytes, int length) {
        return length >= BOM_LENGTH && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF;
    }

    String sha256() {
        return sha256;
    }

    /** True when the file is UTF-8 throughout and the reader gets through it: no quote left open, no record past the cap. */
    boolean readable() {
        return readable;
    }

    /** The file's records, its header included; blank lines are none. */
    long records() {
        return records;
    }

    /** @return the first record as the reader reads it (its fields and raw text), null when there is none */
    CsvRecord header() throws IOException {
        if (records == 0) {
            return null;
        }
        // the record's bytes hold no line end outside quotes, so the reader reads them as the one record they are
        try (CsvRecordReader csv = new CsvRecordReader(new StringReader(new String(firstRecord, StandardCharsets.UTF_8)))) {
            return csv.next();
        } catch (CsvFormatException e) {
            throw new IllegalStateException("a readable file's first record reads as one record", e);
        }
    }
}
