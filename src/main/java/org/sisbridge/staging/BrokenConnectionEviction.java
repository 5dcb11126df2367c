package org.sisbridge.staging;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells the pool to drop a connection whose failure shows that the connection itself is gone: the
 * driver's socket failed (a read timeout, a reset, a closed stream), or H2's client says its session
 * is broken or closed. HikariCP evicts on its own only for SQLState class 08 and a few known codes;
 * H2's client answers a cut connection with 90067 and then 90121 on every later call, so without this
 * the pool would hand out the dead connection again and again, and the flows would never recover.
 */
public class BrokenConnectionEviction implements SQLExceptionOverride {

    /** H2: connection broken, database closed, database called at shutdown. */
    private static final Set<Integer> H2_GONE = Set.of(90067, 90098, 90121);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        if (H2_GONE.contains(e.getErrorCode()) && String.valueOf(e.getSQLState()).startsWith("90")) {
            return Override.MUST_EVICT;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
