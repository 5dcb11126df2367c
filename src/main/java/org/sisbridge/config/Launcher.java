package org.sisbridge.config;

/**
 * The command the person ran, for the advice messages give ("run bin/sisbridge migrate"): an
 * install has {@code bin/sisbridge}, a clone {@code ./sisbridge}, a service account perhaps
 * {@code /opt/sisbridge/bin/sisbridge}. Each launcher passes what it was called as in the system
 * property {@value #PROPERTY}; without it (the tests, {@code java -jar}) the clone's
 * {@code ./sisbridge} is named.
 */
public final class Launcher {

    public static final String PROPERTY = "sisbridge.launcher";

    private Launcher() {
    }

    /** The launcher as the person typed it. */
    public static String name() {
        String name = System.getProperty(PROPERTY, "").trim();
        return name.isEmpty() ? "./sisbridge" : name;
    }

    /** A command line to suggest: {@code command("migrate")} is "bin/sisbridge migrate" in an install. */
    public static String command(String arguments) {
        return name() + " " + arguments;
    }
}
