package org.sisbridge.testsupport;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sisbridge.roster.RosterStudent;
import org.sisbridge.simulator.SimulatedStudent;
import org.sisbridge.simulator.StudentPopulation;

/**
 * The student data the tests hand to the agent (the simulator's populations, regenerated from their
 * seeds, and roster fixtures), and a search for any of it in a line of text: a name, an e-mail
 * address or a birth date. For the checks that no log line carries student data.
 *
 * <p>A population e-mail is {@code first.last<n>@domain}, so it is recognised by its form for any
 * student number n; names are matched as whole words in their own spelling, and the longer
 * population names (5+ letters, never English words) in any letter case.
 */
public final class StudentData {

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    private static final Pattern ISO_DATE = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)");
    private static final Pattern US_DATE = Pattern.compile("(?<![\\d/])(\\d{1,2})/(\\d{1,2})/(\\d{4})(?!\\d)");

    private final Set<String> emails = new HashSet<>();
    private final Set<String> emailStems = new HashSet<>();
    private final Set<String> emailDomains = new HashSet<>();
    private final Set<LocalDate> birthDates = new HashSet<>();
    private final Set<String> names = new LinkedHashSet<>();
    private final Set<String> populationNames = new LinkedHashSet<>();
    private final List<Pattern> namePatterns = new ArrayList<>();

    /** Students 0 .. {@code sample - 1} of the population of each seed. */
    public StudentData population(long seed, int sample) {
        StudentPopulation population = new StudentPopulation(seed, sample);
        for (long s = 0; s < sample; s++) {
            SimulatedStudent student = population.student(s);
            String email = student.email().toLowerCase(Locale.ROOT);
            int at = email.indexOf('@');
            emailStems.add(email.substring(0, at).replaceFirst("\\d+$", ""));
            emailDomains.add(email.substring(at + 1));
            birthDates.add(student.birthDate());
            populationNames.add(student.firstName());
            populationNames.add(student.lastName());
        }
        namePatterns.clear();
        return this;
    }

    /** Students a test writes itself (roster fixtures). */
    public StudentData students(Collection<RosterStudent> students) {
        for (RosterStudent s : students) {
            if (s.email() != null && s.email().contains("@")) {
                emails.add(s.email().toLowerCase(Locale.ROOT));
            }
            try {
                birthDates.add(LocalDate.parse(s.birthDate()));
            } catch (RuntimeException notADate) {
                // a fixture's deliberately bad birth date is no one's
            }
            for (String name : new String[] {s.firstName(), s.middleName(), s.lastName()}) {
                if (name != null && name.strip().length() >= 3) {
                    names.add(name.strip());
                }
            }
        }
        namePatterns.clear();
        return this;
    }

    /** @return what student data the line holds ("e-mail ...", "birth date ...", "name ..."), if any */
    public Optional<String> findIn(String line) {
        Matcher email = EMAIL.matcher(line);
        while (email.find()) {
            String found = email.group().toLowerCase(Locale.ROOT);
            int at = found.indexOf('@');
            if (emails.contains(found) || emailDomains.contains(found.substring(at + 1))
                    && found.substring(0, at).matches(".*\\d") && emailStems.contains(found.substring(0, at).replaceFirst("\\d+$", ""))) {
                return Optional.of("e-mail " + email.group());
            }
        }
        Optional<String> date = findDate(ISO_DATE.matcher(line), 1, 2, 3).or(() -> findDate(US_DATE.matcher(line), 3, 1, 2));
        if (date.isPresent()) {
            return date;
        }
        for (Pattern name : namePatterns()) {
            Matcher m = name.matcher(line);
            if (m.find()) {
                return Optional.of("name " + m.group());
            }
        }
        return Optional.empty();
    }

    private Optional<String> findDate(Matcher m, int year, int month, int day) {
        while (m.find()) {
            try {
                LocalDate date = LocalDate.of(Integer.parseInt(m.group(year)), Integer.parseInt(m.group(month)),
                        Integer.parseInt(m.group(day)));
                if (birthDates.contains(date)) {
                    return Optional.of("birth date " + m.group());
                }
            } catch (DateTimeException notADate) {
                // digits that only look like a date
            }
        }
        return Optional.empty();
    }

    /** Two alternations: names in their own spelling, and the longer population names in any case. */
    private List<Pattern> namePatterns() {
        if (namePatterns.isEmpty()) {
            Set<String> all = new LinkedHashSet<>(populationNames);
            all.addAll(names);
            List<String> exact = new ArrayList<>();
            List<String> anyCase = new ArrayList<>();
            for (String name : all) {
                if (name.length() < 3) {
                    continue; // two letters ("Lê") are not told apart from text
                }
                (populationNames.contains(name) && name.length() >= 5 ? anyCase : exact).add(Pattern.quote(name));
            }
            namePatterns.add(words(exact, 0));
            namePatterns.add(words(anyCase, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        }
        return namePatterns;
    }

    private static Pattern words(List<String> quoted, int flags) {
        String alternatives = quoted.isEmpty() ? "(?!)" : String.join("|", quoted);
        return Pattern.compile("(?<![\\w'-])(?:" + alternatives + ")(?![\\w'-])", flags | Pattern.UNICODE_CHARACTER_CLASS);
    }
}
