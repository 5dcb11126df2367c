package org.sisbridge.reports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.sisbridge.csv.CsvRecordReader;

/**
 * A report's bytes as text: UTF-8, decoded strictly (a file in another encoding fails instead of
 * loading mangled values), with a leading byte order mark skipped as spreadsheets write one.
 */
final class ReportText {

    private static final int BUFFER = 64 * 1024;

    private ReportText() {
    }

    static CsvRecordReader csv(InputStream bytes) throws IOException {
        BufferedInputStream in = new BufferedInputStream(bytes, BUFFER);
        in.mark(3);
        byte[] start = in.readNBytes(3);
        if (!(start.length == 3 && (start[0] & 0xff) == 0xEF && (start[1] & 0xff) == 0xBB && (start[2] & 0xff) == 0xBF)) {
            in.reset();
        }
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        return new CsvRecordReader(reader);
    }
}
