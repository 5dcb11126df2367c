package org.sisbridge.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a secret is there (environment variable, else file), and whether its file is kept
 * private: a secrets file others on the machine can read is a leak waiting to happen.
 */
final class SecretCheck {

    private SecretCheck() {
    }

    /**
     * @param what     "upstream client secret", "database password"
     * @param envKey   the key naming the environment variable
     * @param fileKey  the key naming the file
     * @param required whether an absent secret is an error (a database may need none)
     */
    static void run(CheckReport report, Map<String, String> environment, String what, String envKey, String envName,
                    String fileKey, String file, boolean required) {
        if (!envName.isEmpty() && environment.get(envName) != null && !environment.get(envName).isEmpty()) {
            report.ok(what + ": from environment variable " + envName);
            return;
        }
        if (file.isEmpty()) {
            String where = "set environment variable " + (envName.isEmpty() ? "(none named by " + envKey + ")" : envName)
                    + " or name a file in " + fileKey;
            if (required) {
                report.error("missing secret: the " + what + " is not set; " + where);
            } else {
                report.ok(what + ": none set (fine where the database needs none; else " + where + ")");
            }
            return;
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            report.error("missing secret: " + fileKey + " names " + path + ", which does not exist or cannot be read");
            return;
        }
        try {
            if (Files.readString(path).strip().isEmpty()) {
                report.error("missing secret: the " + what + " file " + path + " is empty");
                return;
            }
            report.ok(what + ": from file " + path);
            permissions(report, what, path);
        } catch (IOException e) {
            report.error("missing secret: cannot read " + path + ": " + e.getMessage());
        }
    }

    private static void permissions(CheckReport report, String what, Path path) throws IOException {
        readableByOthers(what, path).ifPresent(report::warn);
    }

    /** The warning check and run give for a secret file its group or every user may read; empty when private (or not POSIX). */
    static Optional<String> readableByOthers(String what, Path path) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException notPosix) {
            return Optional.empty(); // Windows: access is governed by ACLs, which this check does not read
        }
        boolean group = permissions.contains(PosixFilePermission.GROUP_READ);
        boolean others = permissions.contains(PosixFilePermission.OTHERS_READ);
        if (group || others) {
            return Optional.of("secret file readable by " + (others ? "every user of this machine" : "its group") + ": " + path
                    + " holds the " + what + "; restrict it with chmod 600 " + path);
        }
        return Optional.empty();
    }
}
