package org.sisbridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sisbridge.roster.RosterStudent;
import org.sisbridge.simulator.SimulatedStudent;
import org.sisbridge.simulator.StudentPopulation;

/** The search the no-student-data checks rely on finds each kind of student data, and nothing in ordinary lines. */
class StudentDataTest {

    private final StudentPopulation population = new StudentPopulation(42, 500);
    private final StudentData data = new StudentData().population(42, 500)
            .students(List.of(new RosterStudent(0, "N1", "Newton", null, "Pascalb", "2001-02-03", "new1@college.example.edu", null, null)));

    @Test
    void findsThePopulationsNamesEmailsAndBirthDates() {
        SimulatedStudent s = population.student(123);
        assertThat(data.findIn("payload {\"email\":\"" + s.email() + "\"}")).hasValueSatisfying(f -> assertThat(f).startsWith("e-mail"));
        // any student number: the e-mail's form is the population's
        String other = s.email().replaceFirst("\\d+@", "987654@");
        assertThat(data.findIn("to " + other.toUpperCase())).isPresent();
        assertThat(data.findIn("born " + s.birthDate())).hasValue("birth date " + s.birthDate());
        String us = s.birthDate().getMonthValue() + "/" + s.birthDate().getDayOfMonth() + "/" + s.birthDate().getYear();
        assertThat(data.findIn("born " + us)).isPresent();
        String longName = s.lastName().length() >= 5 ? s.lastName() : s.firstName().length() >= 5 ? s.firstName() : "Johnson";
        assertThat(data.findIn("student " + longName.toUpperCase() + " failed")).isPresent();
    }

    @Test
    void findsRosterFixtureStudents() {
        assertThat(data.findIn("row new1@college.example.edu")).isPresent();
        assertThat(data.findIn("first name Newton")).isPresent();
        assertThat(data.findIn("born 2001-02-03")).isPresent();
    }

    @Test
    void ordinaryLogLinesAreClean() {
        assertThat(data.findIn("2026-11-23 15:49:00.420 INFO [main] o.s.reports.ReportIntake - Report 111-DAILY-2024-01-03"
                + " (drop) loaded: 200000 rows, 198500 new, 0 rejected {} on mariadb, ***@*** ****-**-**")).isEmpty();
        assertThat(data.findIn("matched on firstName,lastName,birthDate; batch 0f3c2a19-20010203-aa")).isEmpty();
    }
}
