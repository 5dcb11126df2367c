package org.sisbridge.runtime;

import java.time.ZoneId;
import java.util.TimeZone;

/**
 * The agent runs in UTC, and remembers the machine's own zone for what people read.
 * <p>
 * Every time the agent stores is a UTC wall time ({@code Clock.systemUTC()}, the feed's {@code Z}
 * timestamps as {@code LocalDateTime}), bound and read as {@code java.sql.Timestamp}, which the JDBC
 * drivers turn into a wall time through the JVM's default zone. On a college's server in
 * America/Los_Angeles that is an identity except for the hour the clocks spring forward: a UTC time of
 * 2026-03-08 02:30 does not exist there, and was staged as 03:30. In UTC every wall time exists.
 * <p>
 * The logs, the status page and the digest still speak the machine's zone ({@link #machineZone}); the
 * logs through the system property {@value #MACHINE_ZONE_PROPERTY}, which config/logback.xml reads.
 */
public final class ProcessTimeZone {

    /** The machine's own zone id, set by {@link #useUtc} before it switches the process to UTC. */
    public static final String MACHINE_ZONE_PROPERTY = "sisbridge.machine-zone";

    private ProcessTimeZone() {
    }

    /**
     * Remembers the machine's zone (the first time only: a second call must not remember UTC) and makes
     * UTC the process's default. Called first thing by the command line and by every agent start, before
     * a JDBC driver or the logging reads the default zone.
     */
    public static synchronized void useUtc() {
        if (System.getProperty(MACHINE_ZONE_PROPERTY) == null) {
            System.setProperty(MACHINE_ZONE_PROPERTY, TimeZone.getDefault().getID());
        }
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    /**
     * The zone of the machine the agent runs on, for times shown to people. Through TimeZone, which the id
     * came from: it also knows the three-letter ids (-Duser.timezone=PST) that ZoneId.of refuses.
     */
    public static ZoneId machineZone() {
        String id = System.getProperty(MACHINE_ZONE_PROPERTY);
        return id == null ? ZoneId.systemDefault() : TimeZone.getTimeZone(id).toZoneId();
    }
}
