package org.sisbridge.roster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.sisbridge.testsupport.TestDatabase;

/** Fills the outbox the way a college's SIS job would: plain INSERTs of PENDING rows. */
final class Outbox {
    private Outbox() {
    }

    static void queue(TestDatabase database, String misCode, List<RosterStudent> students) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO cccid_request (mis_code, local_id, first_name,"
                     + " middle_name, last_name, birth_date, email, phone, postal_code) VALUES (?,?,?,?,?,?,?,?,?)")) {
            for (RosterStudent s : students) {
                ps.setString(1, misCode);
                ps.setString(2, s.localId());
                ps.setString(3, s.firstName());
                ps.setString(4, s.middleName());
                ps.setString(5, s.lastName());
                ps.setObject(6, s.birthDate() == null ? null : LocalDate.parse(s.birthDate()));
                ps.setString(7, s.email());
                ps.setString(8, s.phone());
                ps.setString(9, s.postalCode());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
