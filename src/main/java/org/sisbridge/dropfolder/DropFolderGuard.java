package org.sisbridge.dropfolder;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file consumer's filter for a drop folder (option {@code filter}), and the one place that says which
 * names the folder takes (its include pattern: the routes have no {@code include} of their own). An entry
 * whose name the folder takes but that is a symbolic link, or not a regular file at all (a FIFO, a device,
 * a socket), is never read: the entry itself (never the target of a link) moves to {@code error/}
 * with a {@code <file>.reason} beside it. An empty file moves there too once it has stayed empty for
 * the settle time, instead of waiting in the inbox forever (the read lock never takes a 0-byte file).
 *
 * <p>A file that looks unfinished is left for a later scan until it has not changed for the unfinished
 * wait: a text file (.csv, .txt) whose last byte is no line end, or a workbook (.xlsx) without a zip's end
 * record in its last 65,557 bytes. A copy that pauses longer than the settle time (a slow share, an
 * upload in chunks) would otherwise be read half-written; a complete file that merely lacks its final line
 * end loads after that wait, and a truncated workbook is then refused with the loader's own reason. Only
 * the file's last bytes (and a text file's first two, for a UTF-16LE mark) are read.
 *
 * <p>Why: a link could make the agent load a private file from elsewhere on the machine and push its
 * students upstream, and a link to {@code /dev/zero} or a FIFO holds the folder's only thread. The
 * filter runs at every scan, before the read lock, so such an entry never blocks the folder. The beans
 * check again with {@link #problem} just before reading, for an entry swapped after the scan.
 */
public final class DropFolderGuard implements GenericFileFilter<File> {

    private static final Logger LOG = LoggerFactory.getLogger(DropFolderGuard.class);
    /** A zip's end-of-central-directory record: its 22 bytes and a comment of at most 65,535 after its signature. */
    static final int ZIP_END_SEARCH_BYTES = 22 + 65_535;
    private static final byte[] ZIP_END_SIGNATURE = {'P', 'K', 5, 6};

    private final String folder;
    private final Pattern taken;
    private final long settleMs;
    private final long unfinishedWaitMs;
    /** The files held back as unfinished and already logged, so that each is logged once, not at every scan. */
    private final Set<String> heldBack = ConcurrentHashMap.newKeySet();

    /**
     * @param folder what the folder holds, for the log line ("Roster", "Report")
     * @param taken the names the folder takes (a regular expression on the file name); any other entry is left alone
     * @param settleMs how long an empty file is given to receive its content
     * @param unfinishedWaitMs how long a file that looks unfinished must stay unchanged before it is read as it is
     */
    public DropFolderGuard(String folder, String taken, long settleMs, long unfinishedWaitMs) {
        this.folder = folder;
        this.taken = Pattern.compile(taken);
        this.settleMs = settleMs;
        this.unfinishedWaitMs = unfinishedWaitMs;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        Path path = Path.of(file.getAbsoluteFilePath());
        String name = path.getFileName().toString();
        if (!taken.matcher(name).matches()) {
            return false; // not this folder's kind of file: left where it is, unread
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException gone) {
            heldBack.remove(path.toString());
            return false; // removed since the scan
        }
        Optional<String> problem = problem(attributes);
        // the file system's clock, as the modification time is the file system's
        long unchangedMs = System.currentTimeMillis() - attributes.lastModifiedTime().toMillis();
        if (problem.isEmpty() && attributes.size() == 0) {
            if (unchangedMs < settleMs) {
                return false; // may still be receiving its content: looked at again on the next scan
            }
            problem = Optional.of("the file is empty (0 bytes)");
        }
        if (problem.isEmpty()) {
            return finished(path, name, attributes.size(), unchangedMs);
        }
        heldBack.remove(path.toString());
        try {
            Path moved = moveToError(path, problem.get());
            LOG.warn("{} drop folder: {} was not read ({}); moved to {} with a .reason file", folder,
                    path.getFileName(), problem.get(), moved);
        } catch (IOException e) {
            LOG.warn("{} drop folder: {} is not read ({}), and could not be moved to error/: {}", folder,
                    path.getFileName(), problem.get(), e.getMessage());
        }
        return false;
    }

    /** False while a regular, non-empty file looks unfinished and has changed within the unfinished wait. */
    private boolean finished(Path path, String name, long size, long unchangedMs) {
        String unfinished;
        try {
            unfinished = unfinished(path, name, size);
        } catch (IOException gone) {
            heldBack.remove(path.toString());
            return false; // removed or replaced since the scan: looked at again on the next one
        }
        if (unfinished == null || unchangedMs >= unfinishedWaitMs) {
            heldBack.remove(path.toString());
            return true;
        }
        if (heldBack.add(path.toString())) {
            LOG.info("{} drop folder: {} looks unfinished ({}); waiting up to {} s for the rest", folder, name,
                    unfinished, (unfinishedWaitMs + 999) / 1000);
        }
        return false;
    }

    /**
     * Why a regular file of that size looks like a copy still under way, or null when it looks whole (or its
     * kind has no end to check). Reads at most the last 65,557 bytes (and the first eight), never the whole file.
     */
    static String unfinished(Path file, String name, long size) throws IOException {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".xlsx") || lower.endsWith(".xlsm")) {
            // a compound file (a workbook saved with a password, or an .xls renamed) has no zip end record ever:
            // whole as it is, and refused at once by its reader with the reason
            return endsWithZipEndRecord(file, size) || CompoundFile.is(file) ? null
                    : "no zip end record in its last bytes, as a workbook still being copied";
        }
        if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
            return endsWithLineEnd(file, size) ? null : "its last line has no line end, as a text file still being copied";
        }
        return null;
    }

    /** Whether the last character is CR or LF; in UTF-16LE (its mark FF FE first) that is the last two bytes. */
    private static boolean endsWithLineEnd(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer head = ByteBuffer.allocate(2);
            readFully(channel, head, 0);
            boolean utf16le = size >= 2 && (head.get(0) & 0xFF) == 0xFF && (head.get(1) & 0xFF) == 0xFE;
            ByteBuffer tail = ByteBuffer.allocate(utf16le ? 2 : 1);
            if (size < tail.capacity()) {
                return false;
            }
            readFully(channel, tail, size - tail.capacity());
            byte last = tail.get(0);
            if (utf16le && (size % 2 != 0 || tail.get(1) != 0)) {
                return false;
            }
            return last == '\n' || last == '\r';
        }
    }

    /** Whether the file is a zip whole to its end: its end-of-central-directory record (PK 5 6) is in its last 65,557 bytes. */
    public static boolean hasZipEndRecord(Path file) throws IOException {
        return endsWithZipEndRecord(file, Files.size(file));
    }

    private static boolean endsWithZipEndRecord(Path file, long size) throws IOException {
        int length = (int) Math.min(size, ZIP_END_SEARCH_BYTES);
        ByteBuffer tail = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            readFully(channel, tail, size - length);
        }
        byte[] bytes = tail.array();
        for (int i = length - 22; i >= 0; i--) {
            if (bytes[i] == ZIP_END_SIGNATURE[0] && bytes[i + 1] == ZIP_END_SIGNATURE[1]
                    && bytes[i + 2] == ZIP_END_SIGNATURE[2] && bytes[i + 3] == ZIP_END_SIGNATURE[3]) {
                return true;
            }
        }
        return false;
    }

    /** Fills the buffer from that position, or leaves it short when the file has fewer bytes there. */
    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                break;
            }
        }
    }

    /** Why the entry must not be read (a link, not a regular file), or empty when it may be. */
    public static Optional<String> problem(Path file) {
        try {
            return problem(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of " + file.getFileName(), e);
        }
    }

    private static Optional<String> problem(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return Optional.of("it is a symbolic link: drop folders take only the file itself, never a link to one");
        }
        if (!attributes.isRegularFile()) {
            return Optional.of("it is not a regular file (a directory, a pipe or a device)");
        }
        return Optional.empty();
    }

    /** Moves the entry itself (a link is moved, never followed) to error/ under a free name, with its reason. */
    public static Path moveToError(Path file, String why) throws IOException {
        Path error = file.getParent().resolve("error");
        Files.createDirectories(error);
        String name = freeName(error, file.getFileName().toString());
        Files.writeString(error.resolve(name + ".reason"), "The file " + file.getFileName() + " was not read: " + why
                + System.lineSeparator(), StandardCharsets.UTF_8);
        return Files.move(file, error.resolve(name));
    }

    /** The name, or name-1.csv, name-2.csv ... when an earlier entry of that name is already there. */
    public static String freeName(Path folder, String name) {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        String candidate = name;
        for (int n = 1; Files.exists(folder.resolve(candidate), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(folder.resolve(candidate + ".reason"), LinkOption.NOFOLLOW_LINKS); n++) {
            candidate = base + "-" + n + extension;
        }
        return candidate;
    }
}
