package org.sisbridge.dropfolder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Whether a file is a Microsoft compound file (OLE2), by its first eight bytes. An ".xlsx" that is one is
 * no zip at all, and never will be however long one waits: Excel writes a workbook saved with a password
 * to open as a compound file holding the encrypted zip, and an Excel 97-2003 workbook (.xls) renamed
 * ".xlsx" is one too. Told apart from a workbook still being copied, it is refused at once with a reason
 * staff can act on instead of waiting as unfinished and then being called cut off.
 */
public final class CompoundFile {

    /** D0 CF 11 E0 A1 B1 1A E1: the compound file header's signature. */
    private static final byte[] SIGNATURE = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    private CompoundFile() {
    }

    /** Reads the first eight bytes only; a file shorter than that is none. */
    public static boolean is(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            return Arrays.equals(in.readNBytes(SIGNATURE.length), SIGNATURE);
        }
    }
}
