package org.sisbridge.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.regex.Pattern;
import org.slf4j.Marker;

/**
 * Drops exactly one database note Flyway passes on as a warning: MariaDB's "Name 'pk_…' ignored for
 * PRIMARY key" (code 1280), once per table, when the MySQL/MariaDB migrations create the staging
 * tables. MariaDB always calls a primary key PRIMARY, so the key is created as written and the note
 * says nothing an administrator can act on.
 *
 * <p>Why not write the DDL MariaDB expects instead: V1–V5 are applied on every installed staging
 * schema, and Flyway validates each applied migration's checksum at every start; changing a byte of
 * them would stop every installed agent. New migrations write {@code PRIMARY KEY (...)} without a
 * name (MigrationFilesTest holds both rules). Every other database warning still reaches the log.
 */
public class MariaDbPrimaryKeyNameNote extends TurboFilter {

    static final String FLYWAY_SCRIPT_LOGGER = "org.flywaydb.core.internal.sqlscript.DefaultSqlScriptExecutor";

    private static final Pattern NOTE = Pattern.compile("DB: Name '\\w+' ignored for PRIMARY key\\..*Error Code: 1280\\)?\\s*");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        return format != null && logger != null && FLYWAY_SCRIPT_LOGGER.equals(logger.getName())
                && NOTE.matcher(format).matches() ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
