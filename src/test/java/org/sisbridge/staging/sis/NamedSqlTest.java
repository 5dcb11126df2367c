package org.sisbridge.staging.sis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamedSqlTest {

    private static final Set<String> ALLOWED = Set.of("mis_code", "local_id", "ccc_id");

    @Test
    void namesBecomePositionalParametersInOrderAndMayRepeat() {
        NamedSql sql = NamedSql.parse("k", "UPDATE t SET a = :ccc_id WHERE m = :mis_code AND (l = :local_id OR x = :ccc_id);", ALLOWED);

        assertThat(sql.jdbcSql()).isEqualTo("UPDATE t SET a = ? WHERE m = ? AND (l = ? OR x = ?)");
        assertThat(sql.parameters()).containsExactly("ccc_id", "mis_code", "local_id", "ccc_id");
        assertThat(sql.isCall()).isFalse();
    }

    @Test
    void quotedTextCommentsAndCastsAreLeftAlone() {
        NamedSql sql = NamedSql.parse("k", "SELECT ':not_a_param', \"col:x\" -- :nor_this\n"
                + "FROM t /* :nor_that */ WHERE d = :local_id::text AND s = 'it''s :x'", ALLOWED);

        assertThat(sql.parameters()).containsExactly("local_id");
        assertThat(sql.jdbcSql()).contains("':not_a_param'", "-- :nor_this", "/* :nor_that */", "?::text", "'it''s :x'");
    }

    @Test
    void anUnknownNameIsRefusedNamingTheKeyAndTheAllowedNames() {
        assertThatThrownBy(() -> NamedSql.parse("sisbridge.roster.write-back.sql", "UPDATE t SET a = :cccid", ALLOWED))
                .hasMessageContaining("sisbridge.roster.write-back.sql")
                .hasMessageContaining(":cccid")
                .hasMessageContaining(":ccc_id");
        assertThatThrownBy(() -> NamedSql.parse("k", "  ", ALLOWED)).hasMessageContaining("no SQL");
    }

    @Test
    void aCallIsRecognisedInBothSpellings() {
        assertThat(NamedSql.parse("k", "{call set_cccid(:local_id, :ccc_id)}", ALLOWED).isCall()).isTrue();
        assertThat(NamedSql.parse("k", "CALL set_cccid(:local_id, :ccc_id)", ALLOWED).isCall()).isTrue();
    }

    @Test
    void valuesAreBoundNeverSplicedSoAQuoteInAValueIsJustData() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:namedsql")) {
            c.createStatement().execute("CREATE TABLE t (local_id VARCHAR(64), ccc_id VARCHAR(9))");
            NamedSql insert = NamedSql.parse("k", "INSERT INTO t (local_id, ccc_id) VALUES (:local_id, :ccc_id)", ALLOWED);
            try (PreparedStatement s = insert.prepare(c, Map.of("local_id", "x'); DROP TABLE t; --"))) {
                s.executeUpdate();
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT local_id, ccc_id FROM t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("x'); DROP TABLE t; --");
                assertThat(rs.getString(2)).as("a missing value binds NULL").isNull();
            }
        }
    }
}
