package org.sisbridge.staging.sis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.sisbridge.runtime.AgentProperties;

/**
 * A college's statement read from configuration: inline in {@code <prefix>.sql}, or from the file
 * {@code <prefix>.sql-file} names (a path relative to sisbridge.home, like the shipped samples in
 * config/samples). Exactly one of the two is set; the text is parsed by {@link NamedSql}, so an
 * unknown parameter is refused at start-up naming the key.
 */
public final class ConfiguredSql {

    private ConfiguredSql() {
    }

    public static NamedSql read(AgentProperties config, String prefix, Set<String> allowed) {
        String inline = config.textOrEmpty(prefix + ".sql");
        String file = config.textOrEmpty(prefix + ".sql-file");
        if (!inline.isEmpty() && !file.isEmpty()) {
            throw new IllegalArgumentException(prefix + ".sql and " + prefix + ".sql-file are both set: keep one");
        }
        if (file.isEmpty()) {
            return NamedSql.parse(prefix + ".sql", inline, allowed);
        }
        Path path = Path.of(file);
        if (!path.isAbsolute()) {
            path = Path.of(config.textOrEmpty("sisbridge.home").isEmpty() ? "." : config.textOrEmpty("sisbridge.home")).resolve(path);
        }
        try {
            return NamedSql.parse(prefix + ".sql-file (" + path + ")", Files.readString(path, StandardCharsets.UTF_8), allowed);
        } catch (IOException e) {
            throw new IllegalArgumentException(prefix + ".sql-file: cannot read " + path + " (" + e.getMessage() + ")");
        }
    }
}
