package org.sisbridge.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The accounts a standalone simulator created, kept in a file under data/ so that a restart does
 * not hand out the same CCCIDs again (reproduced: it did, and a college's staged CCCIDs then named
 * two students) and still finds a student it created as EXISTING. One line per account: its CCCID
 * and the sha256 of its e-mail, name + birth date and phone keys, never the values themselves. The
 * first line names the seed and the seeded population; a file of another seed is not used.
 * Without a file (tests, the demo, the benchmarks) nothing is kept and keys are used as they are.
 */
final class AccountLedger implements AutoCloseable {

    /** Restores one account. */
    interface Restore {
        void account(String cccid, String emailKey, String nameKey, String phoneKey);
    }

    static final AccountLedger NONE = new AccountLedger(null, null);

    private final Path file;
    private final String header;
    private BufferedWriter out;

    private AccountLedger(Path file, String header) {
        this.file = file;
        this.header = header;
    }

    static AccountLedger of(Path file, SimulatorSettings settings) {
        return file == null ? NONE : new AccountLedger(file, "# sisbridge simulator accounts; seed=" + settings.seed
                + " existingAccounts=" + settings.existingAccounts);
    }

    boolean keeps() {
        return file != null;
    }

    /** A key as the registry holds it: hashed when accounts are kept in the file. */
    String key(String value) {
        if (file == null || value == null) {
            return value;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the accounts of earlier runs (keys already hashed) and opens the file for new ones; returns how many. */
    long restore(Restore restore) {
        if (file == null) {
            return 0;
        }
        try {
            long restored = 0;
            if (Files.isRegularFile(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.isEmpty() || !lines.get(0).equals(header)) {
                    // another seed or population numbers its CCCIDs differently: start that ledger afresh
                    Files.move(file, file.resolveSibling(file.getFileName() + ".other-seed"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } else {
                    for (String line : lines.subList(1, lines.size())) {
                        String[] f = line.split("\t", -1);
                        if (f.length == 4) {
                            restore.account(f[0], blankAsNull(f[1]), blankAsNull(f[2]), blankAsNull(f[3]));
                            restored++;
                        }
                    }
                }
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean fresh = !Files.isRegularFile(file);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (fresh) {
                out.write(header + "\n");
                out.flush();
            }
            return restored;
        } catch (IOException e) {
            throw new UncheckedIOException("simulator accounts file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Keeps a new account (its keys as {@link #key} made them), flushed at once: a killed simulator keeps it. */
    void append(String cccid, String emailKey, String nameKey, String phoneKey) {
        if (out == null) {
            return;
        }
        try {
            out.write(cccid + "\t" + nullAsBlank(emailKey) + "\t" + nullAsBlank(nameKey) + "\t" + nullAsBlank(phoneKey) + "\n");
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("simulator accounts file " + file + ": " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the lines are flushed as they are written
            }
        }
    }

    private static String blankAsNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static String nullAsBlank(String s) {
        return s == null ? "" : s;
    }
}
