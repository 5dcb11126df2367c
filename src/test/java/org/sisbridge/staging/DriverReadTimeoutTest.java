package org.sisbridge.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The read timeout each driver is given from sisbridge.staging.read-timeout-ms, unless its URL sets one. */
class DriverReadTimeoutTest {

    @Test
    void eachDriverGetsItsOwnPropertyInItsOwnUnit() {
        assertThat(DriverReadTimeout.property(StagingDatabase.POSTGRESQL, "jdbc:postgresql://h/db", 120_000))
                .contains(Map.entry("socketTimeout", "120"));
        assertThat(DriverReadTimeout.property(StagingDatabase.POSTGRESQL, "jdbc:postgresql://h/db", 1500))
                .contains(Map.entry("socketTimeout", "2"));
        assertThat(DriverReadTimeout.property(StagingDatabase.MARIADB, "jdbc:mariadb://h/db", 120_000))
                .contains(Map.entry("socketTimeout", "120000"));
        assertThat(DriverReadTimeout.property(StagingDatabase.SQLSERVER, "jdbc:sqlserver://h;databaseName=db", 120_000))
                .contains(Map.entry("socketTimeout", "120000"));
        assertThat(DriverReadTimeout.property(StagingDatabase.ORACLE, "jdbc:oracle:thin:@//h:1521/db", 120_000))
                .contains(Map.entry("oracle.jdbc.ReadTimeout", "120000"));
    }

    @Test
    void noneForH2NoneWhenOffAndTheUrlsOwnWins() {
        assertThat(DriverReadTimeout.property(StagingDatabase.H2, "jdbc:h2:file:/x", 120_000)).isEmpty();
        assertThat(DriverReadTimeout.property(StagingDatabase.POSTGRESQL, "jdbc:postgresql://h/db", 0)).isEmpty();
        assertThat(DriverReadTimeout.property(StagingDatabase.POSTGRESQL, "jdbc:postgresql://h/db?socketTimeout=300", 120_000))
                .isEmpty();
        assertThat(DriverReadTimeout.property(StagingDatabase.MARIADB, "jdbc:mariadb://h/db?sockettimeout=5000", 120_000))
                .isEmpty();
    }
}
