package org.sisbridge.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.sisbridge.simulator.SimulatedStudent;
import org.sisbridge.simulator.StudentPopulation;

/**
 * The roster the demo's "SIS" queues in the outbox: new students, students who already have an
 * account (same e-mail in other case; same name and birth date with other accents and case), one
 * whose phone belongs to another account, and one bad row per local validation rule.
 */
public final class DemoRoster {

    static final int NEW_STUDENTS = 40;

    private DemoRoster() {
    }

    public static void queue(DataSource dataSource, String misCode, StudentPopulation existing) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO cccid_request"
                + " (mis_code, local_id, first_name, last_name, birth_date, email, phone, postal_code) VALUES (?,?,?,?,?,?,?,?)")) {
            String[] first = {"Ana", "Luis", "Mei", "Kwame", "Priya", "Óscar", "Zoë", "Siobhán"};
            String[] last = {"Reyes", "Tran", "Okafor", "Nakamura", "Singh", "Ibáñez", "Kowalski", "Byrne"};
            for (int i = 0; i < NEW_STUDENTS; i++) {
                add(ps, misCode, "D" + (1000 + i), first[i % 8], last[(i / 8) % 8] + "-" + first[(i / 3) % 8], "2001-03-" + (10 + i % 18),
                        "demo.student" + i + "@college.example.edu", "+1 916 555 " + (1000 + i), "95814");
            }
            for (int s = 0; s < 4; s++) {
                SimulatedStudent twin = existing.student(s);
                add(ps, misCode, "E" + s, "Other", "Person", "1998-05-05", twin.email().toUpperCase(), null, null);
            }
            for (int s = 4; s < 8; s++) {
                SimulatedStudent twin = existing.student(s);
                add(ps, misCode, "N" + s, twin.firstName().toUpperCase(), twin.lastName().toLowerCase(), twin.birthDate().toString(),
                        "another.mailbox" + s + "@college.example.edu", null, null);
            }
            add(ps, misCode, "P1", "Pat", "Phone", "1999-09-09", "pat.phone@college.example.edu", existing.student(9).phone(), null);
            add(ps, misCode, "X1", "Ana", "", "2000-01-01", "x1@college.example.edu", null, null);
            add(ps, misCode, "X2", "Ana", "Young", LocalDate.now().minusYears(4).toString(), "x2@college.example.edu", null, null);
            add(ps, misCode, "X3", "Ana", "Old", "1880-01-01", "x3@college.example.edu", null, null);
            add(ps, misCode, "X4", "Ana", "Mail", "2000-01-01", "ana at college", null, null);
            add(ps, misCode, "X5", "Ana", "Phone", "2000-01-01", "x5@college.example.edu", "555-01", null);
            add(ps, misCode, "X6", "Ana", "Zip", "2000-01-01", "x6@college.example.edu", null, "958");
            add(ps, misCode, "X7", "C3PO", "Droid", "2000-01-01", "x7@college.example.edu", null, null);
            ps.executeBatch();
        }
    }

    private static void add(PreparedStatement ps, String mis, String localId, String first, String last, String birth,
                            String email, String phone, String zip) throws SQLException {
        ps.setString(1, mis);
        ps.setString(2, localId);
        ps.setString(3, first);
        ps.setString(4, last);
        ps.setObject(5, LocalDate.parse(birth));
        ps.setString(6, email);
        ps.setString(7, phone);
        ps.setString(8, zip);
        ps.addBatch();
    }
}
