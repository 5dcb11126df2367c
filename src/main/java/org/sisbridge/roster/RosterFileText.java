package org.sisbridge.roster;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A roster file's bytes as text, never with a replacement character: its encoding is decided in one
 * streaming pass over the file, the same pass that takes its sha256 (a file can be 100 MB; it is
 * read twice in all, never held). A byte order mark says UTF-8, UTF-16LE or UTF-16BE; a file
 * that is valid UTF-8 throughout is UTF-8; anything else is the fallback ({@code sisbridge.roster.charset},
 * {@link Fallback}): unless set otherwise, windows-1252, what Excel's "CSV (Comma delimited)" writes, or
 * Mac Roman for a file whose lines end in a CR alone, as Excel on a Mac writes "Comma Separated Values"
 * and Excel's "CSV (Macintosh)" (read as windows-1252, its é would become Ž). The text is then decoded
 * strictly: a byte the encoding does not define refuses the file rather than becoming U+FFFD in a name
 * sent upstream.
 *
 * @param sha256 the file's content hash (hex)
 * @param charset the encoding its text is read in
 * @param bomLength the bytes of the byte order mark skipped before the text
 * @param nulBytes whether the file holds a NUL byte: no 8-bit text does, UTF-16 without its BOM does
 */
record RosterFileText(String sha256, Charset charset, int bomLength, boolean nulBytes) {

    /** What {@code sisbridge.roster.charset = auto} falls back to. */
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** ... and, for a file whose lines end in a CR alone (the classic Mac's line end), Mac OS Roman. */
    static final Charset MAC_ROMAN = Charset.forName("x-MacRoman");
    private static final int CHUNK = 64 * 1024;

    /** The encoding's name as recorded for the file (roster file table, log, status page). */
    String encoding() {
        return charset.name() + (bomLength > 0 ? " BOM" : "");
    }

    /** @param fallback how the encoding of a file with no BOM that is not valid UTF-8 is chosen */
    static RosterFileText scan(Path file, Fallback fallback) throws IOException {
        MessageDigest sha256 = newSha256();
        CharsetDecoder utf8 = strict(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(CHUNK);
        CharBuffer chars = CharBuffer.allocate(CHUNK);
        boolean validUtf8 = true;
        boolean nul = false;
        boolean cr = false;
        boolean lf = false;
        byte[] head = new byte[3];
        int headLength = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[CHUNK];
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    nul |= b == 0;
                    cr |= b == '\r';
                    lf |= b == '\n';
                }
                for (int i = 0; i < n && headLength < head.length; i++) {
                    head[headLength++] = buffer[i];
                }
                if (validUtf8) {
                    validUtf8 = decodes(utf8, bytes, chars, buffer, n, false);
                }
            }
            if (validUtf8) {
                validUtf8 = decodes(utf8, bytes, chars, new byte[0], 0, true);
            }
        }
        String hash = HexFormat.of().formatHex(sha256.digest());
        if (headLength >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return new RosterFileText(hash, StandardCharsets.UTF_8, 3, nul);
        }
        if (headLength >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return new RosterFileText(hash, StandardCharsets.UTF_16LE, 2, nul);
        }
        if (headLength >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return new RosterFileText(hash, StandardCharsets.UTF_16BE, 2, nul);
        }
        return new RosterFileText(hash, validUtf8 ? StandardCharsets.UTF_8 : fallback.forFile(cr && !lf), 0, nul);
    }

    /**
     * Why this text cannot be a roster, or null: NUL bytes without a UTF-16 byte order mark are
     * UTF-16 text whose BOM was left out (or no text at all), and would read as a header of NULs.
     */
    String unusable() {
        return nulBytes && bomLength != 2 ? "it holds NUL bytes, so it is no " + encoding() + " text (UTF-16 saved without"
                + " its byte order mark?): save it from Excel as \"CSV UTF-8\" or \"Unicode Text\"" : null;
    }

    /** The file's text after its byte order mark, decoded strictly (an undefined byte is an IOException). */
    Reader open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK);
        try {
            in.skipNBytes(bomLength);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return new BufferedReader(new InputStreamReader(in, strict(charset)), CHUNK);
    }

    /** The fallback sisbridge.roster.charset names: auto, or one encoding. */
    static Fallback fallback(String setting) {
        return setting == null || setting.isBlank() || setting.equalsIgnoreCase("auto") ? Fallback.AUTO
                : new Fallback(Charset.forName(setting));
    }

    /**
     * The encoding of a file with no BOM that is not valid UTF-8 ({@code sisbridge.roster.charset}): the one
     * named, or (auto, {@code named} null) windows-1252, unless the file's lines end in a CR alone: no Windows
     * program ends lines so, while Excel on a Mac does, in Mac Roman, for "Comma Separated Values" and for
     * "CSV (Macintosh)". The two encodings share ASCII and differ in every accented letter.
     */
    record Fallback(Charset named) {

        static final Fallback AUTO = new Fallback(null);

        Charset forFile(boolean linesEndInCrAlone) {
            return named != null ? named : linesEndInCrAlone ? MAC_ROMAN : WINDOWS_1252;
        }
    }

    private static boolean decodes(CharsetDecoder decoder, ByteBuffer bytes, CharBuffer chars, byte[] more, int n,
                                   boolean end) {
        int offset = 0;
        do {
            int take = Math.min(bytes.remaining(), n - offset);
            bytes.put(more, offset, take);
            offset += take;
            bytes.flip();
            CoderResult result;
            do {
                chars.clear(); // only validity matters: the characters are dropped
                result = decoder.decode(bytes, chars, end && offset == n);
            } while (result.isOverflow());
            bytes.compact();
            if (result.isError()) {
                return false;
            }
        } while (offset < n);
        if (end) {
            chars.clear();
            return !decoder.flush(chars).isError() && bytes.position() == 0;
        }
        return true;
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
