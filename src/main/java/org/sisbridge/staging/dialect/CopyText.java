package org.sisbridge.staging.dialect;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The text of a COPY in CSV form, written straight into UTF-8 bytes, and how many rows it holds. Going through a StringBuilder
 * made the whole batch UTF-16 as soon as one name had an accent, and the driver then encoded it all
 * again; here each character is encoded once, as it is appended.
 */
public final class CopyText {

    private byte[] bytes;
    private int length;
    private int rows;

    CopyText(int capacity) {
        bytes = new byte[Math.max(capacity, 64)];
    }

    void comma() {
        room(1);
        bytes[length++] = ',';
    }

    void endOfRow() {
        room(1);
        bytes[length++] = '\n';
        rows++;
    }

    public int rows() {
        return rows;
    }

    /** A null is nothing (COPY's NULL in CSV); any other value its text in double quotes, quotes doubled. */
    void quoted(Object value) {
        if (value == null) {
            return;
        }
        String text = value.toString();
        // at most 3 bytes per char (a surrogate pair is two chars and 4 bytes), the quotes doubled, the two around
        room(text.length() * 3 + 2);
        bytes[length++] = '"';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c == '"') {
                    room(1 + (text.length() - i) * 3 + 1);
                    bytes[length++] = '"';
                }
                bytes[length++] = (byte) c;
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xC0 | (c >> 6));
                bytes[length++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                bytes[length++] = (byte) (0xF0 | (cp >> 18));
                bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                bytes[length++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // a lone surrogate is not text: '?', as String.getBytes(UTF_8) writes it
                bytes[length++] = '?';
            } else {
                bytes[length++] = (byte) (0xE0 | (c >> 12));
                bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                bytes[length++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        bytes[length++] = '"';
    }

    InputStream asStream() {
        return new ByteArrayInputStream(bytes, 0, length);
    }

    /** The text as a string (for tests). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
