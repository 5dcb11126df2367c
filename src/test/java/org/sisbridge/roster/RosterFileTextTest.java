package org.sisbridge.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encoding of a roster file, found in the one streaming pass that also takes its sha256. */
class RosterFileTextTest {

    @TempDir
    Path dir;

    @Test
    void aLetterSplitAcrossTheScanBuffersIsStillUtf8() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("a".repeat(64 * 1024 - 1).getBytes(StandardCharsets.US_ASCII));
        bytes.write("é\n".getBytes(StandardCharsets.UTF_8)); // C3 | A9 across the 64 KB boundary
        assertThat(scan(bytes.toByteArray()).encoding()).isEqualTo("UTF-8");
    }

    @Test
    void oneWindows1252ByteFarIntoTheFileMakesItWindows1252AndItIsReadWithoutLoss() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("local_id,first_name\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 20_000; i++) {
            bytes.write(("S" + i + ",Ana\n").getBytes(StandardCharsets.US_ASCII));
        }
        bytes.write("S,Jos".getBytes(StandardCharsets.US_ASCII));
        bytes.write(0xE9); // é in windows-1252, invalid in UTF-8
        Path file = write(bytes.toByteArray());
        RosterFileText text = RosterFileText.scan(file, WINDOWS_1252);
        assertThat(text.encoding()).isEqualTo("windows-1252");
        assertThat(text.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(bytes.toByteArray())));
        try (Reader in = text.open(file)) {
            assertThat(readAll(in)).endsWith("S,José").doesNotContain("\uFFFD");
        }
    }

    @Test
    void aFileEndingInsideAUtf8SequenceIsNotUtf8() throws Exception {
        assertThat(scan(new byte[] {'a', ',', (byte) 0xC3}).encoding()).isEqualTo("windows-1252");
    }

    @Test
    void byteOrderMarksSayUtf8Utf16LeAndUtf16Be() throws Exception {
        assertThat(scan(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a'}).encoding()).isEqualTo("UTF-8 BOM");
        assertThat(scan(new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0}).encoding()).isEqualTo("UTF-16LE BOM");
        Path be = write(new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 'a', 0x00, (byte) 0xE9});
        RosterFileText text = RosterFileText.scan(be, WINDOWS_1252);
        assertThat(text.encoding()).isEqualTo("UTF-16BE BOM");
        try (Reader in = text.open(be)) {
            assertThat(readAll(in)).isEqualTo("aé");
        }
    }

    @Test
    void theConfiguredEncodingReplacesWindows1252AndAnUndefinedByteIsRefusedNotReplaced() throws Exception {
        Path euro = write(new byte[] {'x', (byte) 0xA4});
        RosterFileText text = RosterFileText.scan(euro, RosterFileText.fallback("ISO-8859-15"));
        assertThat(text.encoding()).isEqualTo("ISO-8859-15");
        try (Reader in = text.open(euro)) {
            assertThat(readAll(in)).isEqualTo("x€");
        }
        assertThat(RosterFileText.fallback("auto")).isEqualTo(RosterFileText.Fallback.AUTO);
        assertThat(RosterFileText.fallback("auto").forFile(false)).isEqualTo(Charset.forName("windows-1252"));
        Path undefined = write(new byte[] {'x', (byte) 0x81}); // no character in windows-1252
        RosterFileText cp1252 = RosterFileText.scan(undefined, WINDOWS_1252);
        try (Reader in = cp1252.open(undefined)) {
            assertThatThrownBy(() -> readAll(in)).isInstanceOf(CharacterCodingException.class);
        }
    }

    @Test
    void utf16WithoutItsByteOrderMarkIsRefusedWithAReasonNotReadAsNuls() throws Exception {
        RosterFileText text = scan("local_id,first_name\n".getBytes(StandardCharsets.UTF_16LE));
        assertThat(text.unusable()).contains("NUL bytes", "Unicode Text");
        byte[] withBom = ("\uFEFFlocal_id\tfirst_name\n").getBytes(StandardCharsets.UTF_16LE);
        assertThat(scan(withBom).unusable()).isNull();
    }

    private static String readAll(Reader in) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        in.transferTo(out);
        return out.toString();
    }

    @Test
    void aFileWhoseLinesEndInCrAloneIsMacRomanAsExcelOnAMacSavesIt() throws Exception {
        // Excel on a Mac, "Comma Separated Values" (and "CSV (Macintosh)" on Windows): Mac Roman, each line ended by a CR.
        // Before, read as windows-1252: é (0x8E) became Ž, ñ (0x96) an en dash, and the names were created so upstream
        Path mac = write("local_id,first_name,last_name\rS1,José,Peña\rS2,Zoë,Müller\r".getBytes(RosterFileText.MAC_ROMAN));
        RosterFileText text = RosterFileText.scan(mac, RosterFileText.Fallback.AUTO);
        assertThat(text.encoding()).isEqualTo("x-MacRoman");
        try (Reader in = text.open(mac)) {
            assertThat(readAll(in)).isEqualTo("local_id,first_name,last_name\rS1,José,Peña\rS2,Zoë,Müller\r");
        }
        // Windows line ends, or a CR only inside a line of a file with LF line ends: windows-1252 as before
        Path windows = write("local_id,first_name\r\nS1,Jos\u00e9\r\n".getBytes(RosterFileText.WINDOWS_1252));
        assertThat(RosterFileText.scan(windows, RosterFileText.Fallback.AUTO).encoding()).isEqualTo("windows-1252");
        Path mixed = write("local_id,first_name\nS1,\"Jos\u00e9\r\"\n".getBytes(RosterFileText.WINDOWS_1252));
        assertThat(RosterFileText.scan(mixed, RosterFileText.Fallback.AUTO).encoding()).isEqualTo("windows-1252");
        // a valid UTF-8 file is UTF-8 whatever its line ends, and an encoding set by name is used whatever they are
        Path utf8 = write("local_id,first_name\rS1,José\r".getBytes(StandardCharsets.UTF_8));
        assertThat(RosterFileText.scan(utf8, RosterFileText.Fallback.AUTO).encoding()).isEqualTo("UTF-8");
        assertThat(RosterFileText.scan(mac, RosterFileText.fallback("windows-1252")).encoding()).isEqualTo("windows-1252");
    }

    /** windows-1252 set by name: the one encoding of every file that is not UTF-8, whatever its line ends. */
    private static final RosterFileText.Fallback WINDOWS_1252 = new RosterFileText.Fallback(RosterFileText.WINDOWS_1252);

    private RosterFileText scan(byte[] bytes) throws Exception {
        return RosterFileText.scan(write(bytes), WINDOWS_1252);
    }

    private Path write(byte[] bytes) throws Exception {
        Path file = Files.createTempFile(dir, "roster", ".csv");
        Files.write(file, bytes);
        return file;
    }
}
