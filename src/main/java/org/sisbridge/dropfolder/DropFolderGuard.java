package org.sisbridge.dropfolder;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file consumer's filter for a drop folder (option {@code filter}): an entry whose name the
 * folder takes (*.csv) but that is a symbolic link, or not a regular file at all (a FIFO, a device,
 * a socket), is never read: the entry itself (never the target of a link) moves to {@code error/}
 * with a {@code <file>.reason} beside it. An empty file moves there too once it has stayed empty for
 * the settle time, instead of waiting in the inbox forever (the read lock never takes a 0-byte file).
 *
 * <p>Why: a link could make the agent load a private file from elsewhere on the machine and push its
 * students upstream, and a link to {@code /dev/zero} or a FIFO holds the folder's only thread. The
 * filter runs before the read lock, so such an entry never blocks the folder. The beans check again
 * with {@link #problem} just before reading, for an entry swapped after the scan.
 */
public final class DropFolderGuard implements GenericFileFilter<File> {

    private static final Logger LOG = LoggerFactory.getLogger(DropFolderGuard.class);
    private static final Pattern TAKEN = Pattern.compile("(?i).*\\.csv");

    private final String folder;
    private final long settleMs;

    /**
     * @param folder what the folder holds, for the log line ("roster", "report")
     * @param settleMs how long an empty file is given to receive its content
     */
    public DropFolderGuard(String folder, long settleMs) {
        this.folder = folder;
        this.settleMs = settleMs;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        Path path = Path.of(file.getAbsoluteFilePath());
        if (!TAKEN.matcher(path.getFileName().toString()).matches()) {
            return true; // not this folder's kind of file: the include pattern decides, as before
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException gone) {
            return false; // removed since the scan
        }
        Optional<String> problem = problem(attributes);
        if (problem.isEmpty() && attributes.size() == 0) {
            // the file system's clock, as the modification time is the file system's
            if (System.currentTimeMillis() - attributes.lastModifiedTime().toMillis() < settleMs) {
                return false; // may still be receiving its content: looked at again on the next scan
            }
            problem = Optional.of("the file is empty (0 bytes)");
        }
        if (problem.isEmpty()) {
            return true;
        }
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
