package org.sisbridge.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.config.LoadedConfiguration;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staff.login.StaffUsers;
import org.sisbridge.staff.login.StaffUsersFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The staff users of the staff pages (sisbridge.watch.users-file). A password is read from the console
 * (twice, not echoed) or, without a console, as one line of standard input: never from the command
 * line, where other users of the machine and the shell history would see it. The running agent reads
 * the file at every login and every staff request, so a change needs no restart: a removed user's open sessions,
 * and those opened with a password since replaced, end at their next request.
 */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = {"Add, remove and list the staff users who may log in to the staff pages (/staff).",
                "  users add NAME      set NAME's password (asked for; or one line on standard input)",
                "  users remove NAME   remove NAME",
                "  users list          list the names"})
public class UsersCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "add, remove or list")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "the user's name (add, remove)")
    String name;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StaffUsers users;
        try (LoadedConfiguration loaded = config.configuration().load(System.getenv())) {
            AgentProperties properties = loaded.properties();
            users = new StaffUsers(java.nio.file.Path.of(properties.text("sisbridge.watch.users-file").trim()),
                    properties.integer("sisbridge.watch.users-bcrypt-cost"));
        } catch (InvalidConfigurationException e) {
            err.println(e.getMessage());
            return 2;
        }
        try {
            switch (action) {
                case "list" -> {
                    users.names().forEach(out::println);
                    out.println(users.names().size() + " staff user(s) in " + users.file());
                    return 0;
                }
                case "add" -> {
                    StaffUsers.requireName(name);
                    char[] password = readPassword(err);
                    if (password == null) {
                        return 1;
                    }
                    try {
                        users.put(name, password);
                    } finally {
                        Arrays.fill(password, '\0');
                    }
                    out.println("Staff user '" + name + "' can log in (" + users.file() + ")");
                    return 0;
                }
                case "remove" -> {
                    StaffUsers.requireName(name);
                    if (!users.remove(name)) {
                        err.println("No staff user '" + name + "' in " + users.file());
                        return 1;
                    }
                    out.println("Staff user '" + name + "' removed; an open session of theirs ends at its next request");
                    return 0;
                }
                default -> {
                    err.println("Unknown action '" + action + "': use add NAME, remove NAME or list");
                    return 2;
                }
            }
        } catch (IllegalArgumentException | StaffUsersFileException e) {
            err.println(e.getMessage());
            return 2;
        }
    }

    /** From the console, asked twice; else one line of standard input (scripts: printf '%s\n' "$PW" | sisbridge users add NAME). */
    private static char[] readPassword(PrintWriter err) throws java.io.IOException {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password: ");
            char[] again = console.readPassword("Password again: ");
            if (first == null || again == null || !Arrays.equals(first, again)) {
                err.println("The two passwords differ; nothing changed");
                return null;
            }
            Arrays.fill(again, '\0');
            return first;
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null || line.isEmpty()) {
            err.println("No password on standard input; nothing changed");
            return null;
        }
        return line.toCharArray();
    }
}
