package org.sisbridge.staff.login;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The staff users file (sisbridge.watch.users-file): one line per user, {@code name:bcrypt-hash}, written
 * whole to a temporary file with owner-only permissions and moved over the old one, so a reader never
 * sees half a file. The agent reads it at every login, so {@code users add} needs no restart. Hashes are
 * BouncyCastle's OpenBSD bcrypt ($2y$), the same format htpasswd -B writes.
 */
public final class StaffUsers {

    /** Names staff type: letters, digits, dot, dash, underscore, @ (an e-mail address works). */
    /** The longest user name. */
    public static final int MAX_NAME_CHARS = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1," + MAX_NAME_CHARS + "}");
    /** bcrypt reads at most 72 bytes; a longer password would be silently cut. */
    static final int MAX_PASSWORD_BYTES = 72;

    private final Path file;
    private final int cost;
    private final SecureRandom random = new SecureRandom();

    /** @param cost bcrypt's log2 work factor (sisbridge.watch.users-bcrypt-cost) */
    public StaffUsers(Path file, int cost) {
        this.file = file;
        this.cost = cost;
    }

    public Path file() {
        return file;
    }

    /** Whether this name and password are a user's; false for an unknown name, after the same work as for a known one. */
    public boolean verify(String name, char[] password) {
        return check(name, password).isPresent();
    }

    /**
     * The user's hash when this name and password are theirs (what a session remembers, see {@link #stillHas}); empty
     * for an unknown name, after the same work as for a known one.
     */
    public Optional<String> check(String name, char[] password) {
        String hash = read().get(name);
        if (hash == null || !acceptable(password)) {
            OpenBSDBCrypt.checkPassword(dummy(), "x".toCharArray()); // the same time for a wrong name as a wrong password
            return Optional.empty();
        }
        try {
            return OpenBSDBCrypt.checkPassword(hash, password) ? Optional.of(hash) : Optional.empty();
        } catch (IllegalArgumentException | org.bouncycastle.crypto.DataLengthException e) {
            return Optional.empty(); // a damaged line: no login for that user, never a crash
        }
    }

    /**
     * Whether the user is still in the file with the hash they logged in with: false once 'users remove' took them out
     * or 'users add' gave them a new password. Read at every staff request, so both end a session at once, also one kept
     * alive by use; a small file, read in well under a millisecond. A file that cannot be read ends no session.
     */
    public boolean stillHas(String name, String hash) {
        try {
            return hash.equals(read().get(name));
        } catch (StaffUsersFileException e) {
            return true; // a passing read error (the login says so) is no reason to log everyone out
        }
    }

    /**
     * The hash an unknown name is checked against, at the users' own cost: a fixed cost 10 made a wrong name answer
     * four times sooner than a wrong password at the default cost 12, which told a guesser which names are users.
     * Made at the first login (a bcrypt at cost 12 takes a good fraction of a second), not at start.
     */
    private volatile String dummy;

    /** Package-private for the test that checks its cost (a timed test flaked on a busy machine). */
    String dummy() {
        String d = dummy;
        if (d == null) {
            d = OpenBSDBCrypt.generate("sisbridge".toCharArray(), new byte[16], cost);
            dummy = d;
        }
        return d;
    }

    /** Adds the user or replaces their password. */
    public void put(String name, char[] password) throws IOException {
        requireName(name);
        if (password.length == 0) {
            throw new IllegalArgumentException("the password is empty");
        }
        if (!acceptable(password)) {
            throw new IllegalArgumentException("the password is longer than " + MAX_PASSWORD_BYTES + " bytes (bcrypt's limit)");
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Map<String, String> users = read();
        users.put(name, OpenBSDBCrypt.generate(password, salt, cost));
        write(users);
    }

    /** @return whether the user was there */
    public boolean remove(String name) throws IOException {
        Map<String, String> users = read();
        if (users.remove(name) == null) {
            return false;
        }
        write(users);
        return true;
    }

    public List<String> names() {
        return new ArrayList<>(read().keySet());
    }

    public static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a user name is 1 to 64 letters, digits, '.', '_', '-' or '@'");
        }
    }

    private static boolean acceptable(char[] password) {
        return new String(password).getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
    }

    /** Name to hash, in file order; a missing file is no user. */
    private Map<String, String> read() {
        Map<String, String> users = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return users;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("#")) {
                    users.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new StaffUsersFileException("cannot read the staff users file " + file + ": " + e.getMessage());
        }
        return users;
    }

    private void write(Map<String, String> users) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temp); // not a POSIX file system (Windows): the folder's own access rules apply
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another 'users' command is writing " + file, e);
        }
        StringBuilder text = new StringBuilder("# sisbridge staff users: name:bcrypt-hash (managed by 'sisbridge users')\n");
        users.forEach((name, hash) -> text.append(name).append(':').append(hash).append('\n'));
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
