package org.sisbridge.staging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The start-up line's database: host and database only, never a password or another URL property. */
class JdbcUrlPlaceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://sis-db.example.edu:5432/staging?socketTimeout=300&password=s3cret | postgresql on sis-db.example.edu:5432, database staging",
            "jdbc:mariadb://sisbridge:s3cret@banner-db:3306/banner | mariadb on banner-db:3306, database banner",
            "jdbc:sqlserver://sql01:1433;databaseName=Staging;password=s3cret | sqlserver on sql01:1433, database Staging",
            "jdbc:oracle:thin:scott/s3cret@//ora01:1521/SISPRD | oracle at ora01:1521/SISPRD",
            "jdbc:h2:file:/opt/sisbridge/data/sisbridge;DB_CLOSE_ON_EXIT=FALSE;PASSWORD=s3cret | h2 file /opt/sisbridge/data/sisbridge",
            "jdbc:h2:mem:test;MODE=Oracle | h2 in memory test"})
    void namesHostAndDatabaseOnly(String url, String expected) {
        String place = JdbcUrlPlace.of(StagingDatabase.fromJdbcUrl(url), url);
        assertThat(place).isEqualTo(expected).doesNotContain("s3cret");
    }
}
