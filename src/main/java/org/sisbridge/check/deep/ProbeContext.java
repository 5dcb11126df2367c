package org.sisbridge.check.deep;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.staging.mapping.StagingMapping;

/**
 * What every probe works with: the one connection whose transaction is rolled back at the end, the
 * college's mapping, and synthetic values that cannot be mistaken for real data (keys that begin with
 * {@link #MARK}, a MIS code of the configuration so that the mapping's conversions accept it).
 */
record ProbeContext(Connection connection, DataSource dataSource, StagingSettings settings, StagingMapping mapping,
                    String misCode, Clock clock, ProbeSteps steps) {

    /** The prefix of every key the probes write: should a rollback ever fail, the rows are recognisable. */
    static final String MARK = "sisbridge-check-deep";

    /** A well-formed CCCID (three letters without I and O, four digits): the dictionary's form. */
    static final String CCCID = "ZZZ9999";

    LocalDateTime now() {
        return LocalDateTime.now(clock).withNano(0);
    }

    Timestamp timestamp() {
        return Timestamp.valueOf(now());
    }
}
