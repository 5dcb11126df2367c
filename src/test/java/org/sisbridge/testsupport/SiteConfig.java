package org.sisbridge.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.sisbridge.simulator.UpstreamSimulator;

/**
 * A site's configuration as an operator writes it: an override file for --config, and the client
 * secret in a file of its own (mode 600), so the commands read secrets the way they do in production
 * without the test touching its environment. Lives under target/test-site/.
 */
public final class SiteConfig {

    /** Names of environment variables no test sets, so that secrets come from files. */
    public static final String UNSET_VARIABLE = "SISBRIDGE_TEST_UNSET_SECRET";

    public final Path dir;
    private final Map<String, String> values = new LinkedHashMap<>();

    public SiteConfig(UpstreamSimulator simulator, TestDatabase database) {
        this(database);
        set("sisbridge.mis-codes", String.join(",", simulator.settings().misCodes));
        set("sisbridge.upstream.base-url", simulator.baseUrl());
        set("sisbridge.upstream.client-id", simulator.settings().clientId);
        set("sisbridge.upstream.client-secret-env", UNSET_VARIABLE);
        set("sisbridge.upstream.client-secret-file", secretFile("client-secret", simulator.settings().clientSecret, "rw-------").toString());
    }

    /** A site with only its staging database (and folders) set: enough for the commands that only read the database. */
    public SiteConfig(TestDatabase database) {
        dir = AgentFixture.HOME.resolve("target/test-site/" + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        set("sisbridge.staging.jdbc-url", database.jdbcUrl());
        set("sisbridge.staging.username", database.user());
        set("sisbridge.staging.database", database.kind().name().toLowerCase());
        set("sisbridge.staging.password-env", UNSET_VARIABLE);
        if (!database.password().isEmpty()) {
            set("sisbridge.staging.password-file", secretFile("db-password", database.password(), "rw-------").toString());
        }
        set("sisbridge.reports.inbox", dir.resolve("inbox/reports").toString());
        set("sisbridge.reports.download-folder", dir.resolve("download").toString());
        set("sisbridge.roster.inbox", dir.resolve("inbox/rosters").toString());
        set("sisbridge.roster.outbox", dir.resolve("outbox/rosters").toString());
    }

    public SiteConfig set(String key, Object value) {
        values.put(key, String.valueOf(value));
        return this;
    }

    public SiteConfig remove(String key) {
        values.remove(key);
        return this;
    }

    /** A secret in a file of this site, with those POSIX permissions (rw------- as it should be). */
    public Path secretFile(String name, String secret, String permissions) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, secret + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes the override file and returns its path, for --config. */
    public Path write() {
        StringBuilder text = new StringBuilder("# site values written by a test\n");
        values.forEach((k, v) -> text.append(k).append(" = ").append(v.replace("\\", "\\\\")).append('\n'));
        Path file = dir.resolve("site.properties");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
