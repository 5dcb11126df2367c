package org.sisbridge.staging.mapping;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Binds a value through its own type's setter ({@code setString}, {@code setTimestamp}, ...), which
 * every driver maps as it maps {@code setObject} of that type. MariaDB's {@code setObject} searches its
 * codecs for one that takes the value: at 1,000 rows of 17 columns a page, that search was most of a
 * page writer's binding (4.6 of every 32 ms page, issue 17). The pipeline's writer and the benchmark's
 * plain insert both bind this way, so neither is measured with a slower client than the other.
 */
public final class TypedParameter {

    private TypedParameter() {
    }

    /** @param value not null (a null is bound with its column's type, which only the caller knows) */
    public static void set(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Timestamp timestamp) {
            statement.setTimestamp(index, timestamp);
        } else if (value instanceof Boolean flag) {
            statement.setBoolean(index, flag);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else {
            statement.setObject(index, value);
        }
    }
}
