package org.sisbridge.staging.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pipeline converts a row for a college's columns on the thread that read it ({@link TableMapping#converted})
 * and its writer only binds ({@link TableMapping#bindConverted}): what lands in the table is what
 * {@link TableMapping#bind} stores, conversions, typed nulls and constants alike.
 */
class TableMappingTest {

    private static final List<String> FIELDS = List.of("id", "label", "at", "flag", "note");

    private static TableMapping peoplesoftLike() {
        Map<String, TableMapping.ColumnMapping> columns = new LinkedHashMap<>();
        columns.put("id", new TableMapping.ColumnMapping("ROW_NBR", ColumnConversion.parse(null, "test")));
        columns.put("label", new TableMapping.ColumnMapping("LABEL_TXT", ColumnConversion.parse("upper-case", "test")));
        columns.put("at", new TableMapping.ColumnMapping("AT_TXT", ColumnConversion.parse("format:yyyy-MM-dd-HH.mm.ss.SSSSSS", "test")));
        columns.put("flag", new TableMapping.ColumnMapping("FLAG_YN", ColumnConversion.parse("yes-no", "test")));
        return new TableMapping("MAPPED", columns, Map.of("LASTUPDOPRID", "CCTC"),
                Map.of("id", "number", "label", "text", "at", "timestamp", "flag", "boolean", "note", "text"));
    }

    @Test
    void convertedValuesAreEachColumnsConversion() {
        Object[] converted = peoplesoftLike().converted(FIELDS,
                Arrays.asList(7L, "García", LocalDateTime.parse("2024-05-01T10:15:00.123"), true, null));

        assertThat(converted).containsExactly(7L, "GARCÍA", "2024-05-01-10.15.00.123000", "Y", null);
    }

    @Test
    void bindingConvertedValuesStoresWhatBindingTheRowStores() throws Exception {
        TableMapping mapping = peoplesoftLike();
        List<List<Object>> rows = List.of(
                Arrays.asList(1L, "plain", LocalDateTime.parse("2024-05-01T10:15:00"), false, "n"),
                Arrays.asList(2L, null, null, true, null));
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:table-mapping-" + System.nanoTime());
             Statement s = c.createStatement()) {
            createTables(s, "(ROW_NBR BIGINT PRIMARY KEY, LABEL_TXT VARCHAR(100), AT_TXT VARCHAR(26), FLAG_YN VARCHAR(1),"
                    + " note VARCHAR(10), LASTUPDOPRID VARCHAR(30))", "MAPPED", "MAPPED_CONVERTED");
            try (PreparedStatement bound = c.prepareStatement(mapping.insertSql(FIELDS));
                 PreparedStatement converted = c.prepareStatement(mapping.insertSql(FIELDS).replace("MAPPED", "MAPPED_CONVERTED"))) {
                for (List<Object> row : rows) {
                    mapping.bind(bound, FIELDS, row);
                    bound.executeUpdate();
                    mapping.bindConverted(converted, FIELDS, mapping.converted(FIELDS, row));
                    converted.executeUpdate();
                }
            }
            assertThat(read(s, "MAPPED_CONVERTED")).isEqualTo(read(s, "MAPPED"))
                    .contains("1|PLAIN|2024-05-01-10.15.00.000000|N|n|CCTC", "2|null|null|Y|null|CCTC");
        }
    }

    /**
     * The writer binds each value by its own type's setter rather than {@code setObject}, whose codec
     * search cost MariaDB a seventh of a page: the calls are those, and a table gets the values
     * {@code setObject} stored.
     */
    @Test
    void eachValueIsBoundByItsOwnTypesSetterAndStoresWhatSetObjectStores() throws Exception {
        List<String> fields = List.of("id", "count", "label", "at", "flag", "note");
        TableMapping asIs = new TableMapping("AS_IS", Map.of(), Map.of("SOURCE", "CCTC"),
                Map.of("id", "number", "count", "number", "label", "text", "at", "timestamp", "flag", "boolean", "note", "text"));
        Object[] converted = asIs.converted(fields,
                Arrays.asList(7L, 3, "Ana", LocalDateTime.parse("2024-05-01T10:15:00.123"), true, null));
        List<String> calls = new ArrayList<>();
        PreparedStatement recorder = (PreparedStatement) Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + "(" + args[0] + ")");
                    return null;
                });

        asIs.bindConverted(recorder, fields, converted);

        assertThat(calls).containsExactly("setLong(1)", "setInt(2)", "setString(3)", "setTimestamp(4)", "setBoolean(5)",
                "setNull(6)", "setString(7)");
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:typed-binding-" + System.nanoTime());
             Statement s = c.createStatement()) {
            createTables(s, "(id BIGINT PRIMARY KEY, count INT, label VARCHAR(10), at TIMESTAMP(6), flag BOOLEAN,"
                    + " note VARCHAR(10), SOURCE VARCHAR(10))", "AS_IS", "BY_SET_OBJECT");
            try (PreparedStatement typed = c.prepareStatement(asIs.insertSql(fields));
                 PreparedStatement plain = c.prepareStatement(asIs.insertSql(fields).replace("AS_IS", "BY_SET_OBJECT"))) {
                asIs.bindConverted(typed, fields, converted);
                typed.executeUpdate();
                // how the writer bound before: setObject, and a typed null
                for (int i = 0; i < converted.length; i++) {
                    if (converted[i] == null) {
                        plain.setNull(i + 1, Types.VARCHAR);
                    } else {
                        plain.setObject(i + 1, converted[i]);
                    }
                }
                plain.setObject(converted.length + 1, "CCTC");
                plain.executeUpdate();
            }
            String columns = "id, count, label, at, flag, note, SOURCE";
            assertThat(readColumns(s, "AS_IS", columns)).isEqualTo(readColumns(s, "BY_SET_OBJECT", columns))
                    .containsExactly("7|3|Ana|2024-05-01 10:15:00.123|TRUE|null|CCTC");
        }
    }

    /** Tables of the same columns, one written one way and the others another, to compare what they hold. */
    private static void createTables(Statement s, String columns, String... tables) throws Exception {
        for (String table : tables) {
            s.execute("CREATE TABLE " + table + " " + columns);
        }
    }

    /** @param from a table, and what may follow it (ORDER BY) */
    private static List<String> readColumns(Statement s, String from, String columns) throws Exception {
        List<String> rows = new ArrayList<>();
        int count = columns.split(",").length;
        try (ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + from)) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= count; i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    private static List<String> read(Statement s, String table) throws Exception {
        return readColumns(s, table + " ORDER BY ROW_NBR", "ROW_NBR, LABEL_TXT, AT_TXT, FLAG_YN, note, LASTUPDOPRID");
    }
}
