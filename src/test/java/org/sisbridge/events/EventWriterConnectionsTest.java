package org.sisbridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sisbridge.staging.StagingDatabase;

/** auto: two connections where they were measured to help (MariaDB/MySQL), one elsewhere; a number as given. */
class EventWriterConnectionsTest {

    @Test
    void autoIsTwoOnMariaDbAndOneElsewhere() {
        assertThat(EventWriterConnections.of("auto", StagingDatabase.MARIADB)).isEqualTo(2);
        assertThat(EventWriterConnections.of("AUTO ", StagingDatabase.POSTGRESQL)).isEqualTo(1);
        assertThat(EventWriterConnections.of("auto", StagingDatabase.H2)).isEqualTo(1);
        assertThat(EventWriterConnections.of("auto", StagingDatabase.SQLSERVER)).isEqualTo(1);
        assertThat(EventWriterConnections.of("3", StagingDatabase.POSTGRESQL)).isEqualTo(3);
    }
}
