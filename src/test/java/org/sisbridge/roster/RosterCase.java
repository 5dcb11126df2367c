package org.sisbridge.roster;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sisbridge.simulator.SimulatedStudent;
import org.sisbridge.simulator.StudentPopulation;

/**
 * A roster with every kind of student: new ones, duplicates of seeded accounts by e-mail and by
 * name + birth date, students the upstream rejects (phone of another account), and one bad row
 * per local validation rule. Knows what should become of each.
 */
final class RosterCase {

    /** A student and what should become of it: outbox status, outcome (null if none), reason code, matched on. */
    record Row(RosterStudent student, String status, String outcome, String reasonCode, String matchedOn, String cccid) {
    }

    final Map<String, Row> rows = new LinkedHashMap<>();

    static RosterCase mixed(StudentPopulation seeded, int newStudents) {
        RosterCase c = new RosterCase();
        for (int i = 0; i < newStudents; i++) {
            c.add(student("N" + i, "Newton", "Pascal" + letters(i), "2001-02-03", "new" + i + "@college.example.edu",
                    "+1 916 555 " + String.format("%04d", i), "95814"), "DONE", "CREATED", null, null, null);
        }
        for (int s = 0; s < 3; s++) {
            SimulatedStudent dup = seeded.student(s);
            c.add(student("E" + s, "Other", "Name" + letters(s), "1999-09-09", dup.email().toUpperCase(), null, null),
                    "DONE", "EXISTING", null, "email", dup.cccid());
        }
        for (int s = 3; s < 6; s++) {
            SimulatedStudent dup = seeded.student(s);
            c.add(student("B" + s, "  " + dup.firstName().toUpperCase() + " ", stripAccents(dup.lastName()).toLowerCase(),
                    dup.birthDate().toString(), "someone.else" + s + "@college.example.edu", null, null),
                    "DONE", "EXISTING", null, "firstName,lastName,birthDate", dup.cccid());
        }
        SimulatedStudent phoneOwner = seeded.student(7);
        c.add(student("P1", "Phoebe", "Phonenumber", "2000-01-01", "phoebe@college.example.edu", phoneOwner.phone(), null),
                "REJECTED", "REJECTED", "UPSTREAM_REJECTED", null, null);
        String young = LocalDate.now().minusYears(5).toString();
        c.add(student("X1", "", "Lastname", "2000-01-01", "x1@college.example.edu", null, null), "REJECTED", null, "STUDENT_FIELD_MISSING", null, null);
        c.add(student("X2", "Ana", "Lastname", "2000-01-01", "a".repeat(243) + "@example.edu", null, null), "REJECTED", null, "STUDENT_FIELD_TOO_LONG", null, null);
        c.add(student("X3", "R2D2", "Lastname", "2000-01-01", "x3@college.example.edu", null, null), "REJECTED", null, "INVALID_NAME", null, null);
        c.add(student("X4", "Ana", "Lastname", young, "x4@college.example.edu", null, null), "REJECTED", null, "IMPLAUSIBLE_AGE", null, null);
        c.add(student("X5", "Ana", "Lastname", "1890-01-01", "x5@college.example.edu", null, null), "REJECTED", null, "IMPLAUSIBLE_AGE", null, null);
        c.add(student("X6", "Ana", "Lastname", "2000-01-01", "not-an-email", null, null), "REJECTED", null, "INVALID_EMAIL", null, null);
        c.add(student("X7", "Ana", "Lastname", "2000-01-01", "x7@college.example.edu", "555-12", null), "REJECTED", null, "INVALID_PHONE", null, null);
        c.add(student("X8", "Ana", "Lastname", "2000-01-01", "x8@college.example.edu", null, "9581"), "REJECTED", null, "INVALID_POSTAL_CODE", null, null);
        c.add(student("X9", "Ana", "Lastname", "2000-01-01", "", null, null), "REJECTED", null, "STUDENT_FIELD_MISSING", null, null);
        return c;
    }

    List<Row> sent() {
        return rows.values().stream().filter(r -> r.outcome() != null).toList();
    }

    List<Row> locallyRejected() {
        return rows.values().stream().filter(r -> r.outcome() == null).toList();
    }

    private void add(RosterStudent s, String status, String outcome, String reasonCode, String matchedOn, String cccid) {
        rows.put(s.localId(), new Row(s, status, outcome, reasonCode, matchedOn, cccid));
    }

    static RosterStudent student(String localId, String first, String last, String birth, String email, String phone, String zip) {
        return new RosterStudent(0, localId, first, null, last, birth, email, phone, zip);
    }

    static String letters(int i) {
        StringBuilder s = new StringBuilder();
        do {
            s.append((char) ('a' + i % 26));
            i /= 26;
        } while (i > 0);
        return s.toString();
    }

    static String stripAccents(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    /** The rows in insertion order, for a CSV or an outbox insert. */
    List<RosterStudent> students() {
        List<RosterStudent> all = new ArrayList<>();
        rows.values().forEach(r -> all.add(r.student()));
        return all;
    }
}
