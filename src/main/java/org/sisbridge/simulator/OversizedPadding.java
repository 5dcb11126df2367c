package org.sisbridge.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Large hostile bodies written as they are sent, a small chunk at a time, so the simulator holds none of them. */
final class OversizedPadding {

    private static final int CHUNK = 8 * 1024;
    private static final String JSON_CHUNK;
    private static final byte[] CSV_ROW = "111,PAD0000,0,2024-01-01 00:00,verified,,,verified,,,2024-01-01 00:00\n"
            .getBytes(StandardCharsets.US_ASCII);

    static {
        char[] x = new char[CHUNK];
        Arrays.fill(x, 'x');
        JSON_CHUNK = new String(x);
    }

    private OversizedPadding() {
    }

    /** A field "padding" of about {@code bytes} bytes: an array of strings, so a client that keeps the event holds it all. */
    static void writeJsonField(JsonGenerator g, long bytes) throws IOException {
        g.writeArrayFieldStart("padding");
        for (long written = 0; written < bytes; written += CHUNK + 3) {
            g.writeString(JSON_CHUNK);
        }
        g.writeEndArray();
    }

    /** About {@code bytes} more bytes of rows after a report: more than its listing declares. */
    static void writeCsvRows(OutputStream out, long bytes) throws IOException {
        for (long written = 0; written < bytes; written += CSV_ROW.length) {
            out.write(CSV_ROW);
        }
    }
}
