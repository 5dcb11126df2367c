package org.sisbridge.staging.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Which file {@code sisbridge.staging.mapping} names. A DBA writes what docs/databases-and-mapping.md and the shipped
 * files call the mapping ({@code peoplesoft}, {@code peoplesoft.yaml}), not a path into the
 * install; so a bare name is a mapping of {@code <home>/config/mappings/} (with {@code .yaml} added
 * when it has no extension), a relative path is read from {@code <home>/config/} and then from
 * {@code <home>}, and an absolute path is taken as it is. When no file is found the message lists
 * every place looked and the mappings the install ships, so the fix is in the message.
 */
public final class MappingFile {

    /** The key this class resolves, and the one that names the install directory. */
    public static final String KEY = "sisbridge.staging.mapping";
    private static final String HOME_KEY = "sisbridge.home";

    private MappingFile() {
    }

    /** The places the value may name, in the order they are tried. */
    public static List<Path> candidates(String value, Path home) {
        String name = value.trim();
        Path given = Path.of(name);
        if (given.isAbsolute()) {
            return List.of(given.normalize());
        }
        if (given.getNameCount() == 1) {
            String file = name.contains(".") ? name : name + ".yaml";
            return List.of(home.resolve("config/mappings").resolve(file).normalize());
        }
        return List.of(home.resolve("config").resolve(given).normalize(), home.resolve(given).normalize());
    }

    /** The mapping file the value names; a sentence listing where it looked when there is none. */
    public static Path resolve(String value, Path home) {
        List<Path> candidates = candidates(value, home);
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(KEY + " names " + value.trim() + ", which does not exist (looked for "
                + String.join(", ", candidates.stream().map(Path::toString).toList()) + "); give the name of a mapping in "
                + home.resolve("config/mappings") + shipped(home) + ", or the path of a YAML mapping file");
    }

    /** The mapping the configuration names, resolved against its install directory and loaded. */
    public static StagingMapping load(Function<String, String> config) {
        Path file = resolve(config.apply(KEY), Path.of(config.apply(HOME_KEY)));
        return StagingMapping.load(file, config);
    }

    /** " (banner, generic, peoplesoft)": what a site can name without writing a path. */
    private static String shipped(Path home) {
        try (Stream<Path> files = Files.list(home.resolve("config/mappings"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .map(f -> f.substring(0, f.length() - ".yaml".length())).sorted().toList();
            return names.isEmpty() ? "" : " (" + String.join(", ", names) + ")";
        } catch (IOException e) {
            return "";
        }
    }
}
