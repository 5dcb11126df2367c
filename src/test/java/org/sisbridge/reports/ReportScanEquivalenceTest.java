package org.sisbridge.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sisbridge.csv.CsvFormatException;
import org.sisbridge.csv.CsvRecord;
import org.sisbridge.csv.CsvRecordReader;

/**
 * The scan on bytes ({@link ReportScan#scan}) against the scan by the loader's own reader
 * ({@link ReportScan#byRecords}, the scan as it was before): the same sha256 and row count, or the
 * same refusal in the same words, for files made to find where the two could part. And below that,
 * {@link ReportBytes} against {@link CsvRecordReader} reading the same bytes: readable exactly when
 * the reader reads them to the end, then the same number of records and the same first record, so
 * a good report never takes the slow path.
 */
class ReportScanEquivalenceTest {

    private static final int CAP = CsvRecordReader.MAX_RECORD_CHARS;

    @TempDir
    Path dir;
    private Path file;
    /** How many files ended each way: the cases must reach every one of them. */
    private final Map<String, Integer> outcomes = new TreeMap<>();

    @BeforeEach
    void file() {
        file = dir.resolve("111-REPORT.csv");
    }

    @Test
    void handWrittenFiles() throws Exception {
        String h = AdversarialReportFiles.HEADER;
        String[] texts = {"", "\n", "\r\n\r\n", "\r", h, h + "\n", h + "\r\n", h + "\r", h + "\n\n\n", h + "\r\r\n\n",
                "\n\r\n" + h + "\n1,2,3,4", h + "\n1,2,3,4", h + "\n1,2,3,4\n", h + "\r1,2\r\r3\r", h + "\n\"a\r\nb\",2\r\n3",
                h + "\n\"", h + "\n\"\"", h + "\n\"\"\"", h + "\n\"a\"\"", h + "\n\"a\"\"\"", h + "\n\"a\"b\"c\n", h + "\na\"b,\"c",
                h + "\n,,,\n", h + "\n \n", "\"" + h + "\n", h + ",\"\n", h + "\n\"x\"\r", h + "\n\"x\"\r\n\"y\"\"\"\n",
                "\uFEFF" + h + "\n1", "mis_code,mis_code,ccc_id,latest_app_id,latest_app_tstmp_submit\n1"};
        for (String text : texts) {
            check("text", text.getBytes(StandardCharsets.UTF_8));
            check("text after a BOM", concat(AdversarialReportFiles.BOM, text.getBytes(StandardCharsets.UTF_8)));
        }
        for (String hex : new String[] {"efbb", "efbbbf", "efbbbfefbbbf", "ef", "efbbbf0a", "efbbbf22", "efbbbf80"}) {
            check("bytes", HexFormat.of().parseHex(hex));
        }
        assertThat(outcomes).containsKeys("rows", "empty", "header", "not UTF-8", "quote");
    }

    @Test
    void seededRandomFiles() throws Exception {
        AdversarialReportFiles files = new AdversarialReportFiles(17);
        for (int i = 0; i < 2500; i++) {
            check("random file " + i + " of seed 17", files.next());
        }
        assertThat(outcomes).containsKeys("rows", "header", "not UTF-8", "quote");
        assertThat(outcomes.get("rows")).isGreaterThan(1000);
    }

    @Test
    void charactersLineEndsAndBadBytesAcrossBufferBoundaries() throws Exception {
        List<byte[]> pieces = new ArrayList<>();
        for (String s : new String[] {"é", "€", "\uD83D\uDE00", "\uDBFF\uDFFF", "\r\n", "\"\"", "\r", "\n"}) {
            pieces.add(s.getBytes(StandardCharsets.UTF_8));
        }
        for (String hex : new String[] {"80", "e282", "eda080", "f4908080", "c0af"}) {
            pieces.add(HexFormat.of().parseHex(hex));
        }
        for (int boundary : new int[] {8192, 16384, 65536, 131072}) {
            for (int at = boundary - 4; at <= boundary + 1; at++) {
                for (byte[] piece : pieces) {
                    for (boolean inQuotes : new boolean[] {false, true}) {
                        check("piece " + HexFormat.of().formatHex(piece) + " at byte " + at + (inQuotes ? " in quotes" : ""),
                                AdversarialReportFiles.withPieceAt(at, piece, at % 2 == 0, inQuotes));
                    }
                }
            }
        }
        assertThat(outcomes).containsKeys("rows", "not UTF-8");
    }

    /** Records of about the reader's cap, in its measure: UTF-16 characters, the ending CR or LF counted. */
    @Test
    void recordsAtTheReadersCap() throws Exception {
        String h = AdversarialReportFiles.HEADER;
        for (int length = CAP - 2; length <= CAP + 1; length++) {
            String[] records = {"x".repeat(length), "\"" + "x".repeat(length - 2) + "\"", "\"" + "x".repeat(length - 4) + "\"\"\"",
                    "\"" + "x".repeat(length - 3) + "\"\"", "x".repeat(length - 2) + "\uD83D\uDE00",
                    "\"" + "é".repeat(length - 1), "a,\"b\r\n" + "€".repeat(length - 7) + "\"\""};
            for (String record : records) {
                for (String end : new String[] {"", "\n", "\r\n", "\r", "\n111,next\n", "\r\n\r\n"}) {
                    check("a record of " + length + " characters", (h + "\n" + record + end).getBytes(StandardCharsets.UTF_8));
                    check("a header of " + length + " characters", (record + end).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(outcomes).containsKeys("rows", "long", "quote");
    }

    private void check(String label, byte[] bytes) throws Exception {
        Files.write(file, bytes);
        String what = label + ": " + shown(bytes);
        Reading expected = Reading.of(bytes);
        ReportBytes scanned = ReportBytes.read(file);
        assertThat(scanned.readable()).as("readable, " + what).isEqualTo(expected.readable);
        if (expected.readable) {
            assertThat(scanned.records()).as("records, " + what).isEqualTo(expected.records);
            CsvRecord header = scanned.header();
            assertThat(header == null ? null : List.of(header.fields(), header.raw(), header.malformed()))
                    .as("header, " + what).isEqualTo(expected.first);
        }
        String before = outcome(() -> ReportScan.byRecords(file));
        assertThat(outcome(() -> ReportScan.scan(file))).as(what).isEqualTo(before);
        outcomes.merge(kind(before), 1, Integer::sum);
    }

    /** What the loader's reader makes of the bytes: whether it reads them to the end, and then what it read. */
    private record Reading(boolean readable, long records, List<Object> first) {

        static Reading of(byte[] bytes) throws Exception {
            long records = 0;
            List<Object> first = null;
            try (CsvRecordReader csv = ReportText.csv(new ByteArrayInputStream(bytes))) {
                for (CsvRecord r = csv.next(); r != null; r = csv.next()) {
                    if (records++ == 0) {
                        first = List.of(r.fields(), r.raw(), r.malformed());
                    }
                }
            } catch (CharacterCodingException | CsvFormatException e) {
                return new Reading(false, 0, null);
            }
            return new Reading(true, records, first);
        }
    }

    private interface Scan {
        ReportScan.Result run() throws Exception;
    }

    private static String outcome(Scan scan) throws Exception {
        try {
            return scan.run().toString();
        } catch (ReportRefusedException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static String kind(String outcome) {
        if (!outcome.startsWith("refused: ")) {
            return "rows";
        }
        for (String[] kind : new String[][] {{"empty", "is empty"}, {"not UTF-8", "not UTF-8"}, {"quote", "quote opened"},
                {"long", "is longer than"}, {"header", "header"}}) {
            if (outcome.contains(kind[1])) {
                return kind[0];
            }
        }
        throw new AssertionError("a refusal of no known kind: " + outcome);
    }

    private static String shown(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1)
                .replace("\r", "\\r").replace("\n", "\\n");
        return bytes.length + " bytes [" + text + (bytes.length > 200 ? "...]" : "]");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
