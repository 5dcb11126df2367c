package org.sisbridge.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.sisbridge.logging.LogMasking;
import org.sisbridge.runtime.FlowActivity;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a password can sit in a JDBC URL is masked, and the rest of the URL stays readable. */
class JdbcUrlMaskingTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://h:5432/db?user=u&password=s3cret&ssl=true | jdbc:postgresql://h:5432/db?user=u&password=****&ssl=true",
        "jdbc:postgresql://h/db?password=s3cret | jdbc:postgresql://h/db?password=****",
        "jdbc:mariadb://u:s3cret@h:3306/db | jdbc:mariadb://u:****@h:3306/db",
        "jdbc:mysql://u:s3cret@h/db?Password=s3cret | jdbc:mysql://u:****@h/db?Password=****",
        "jdbc:sqlserver://h:1433;databaseName=db;user=u;password=s3cret;encrypt=true"
                + " | jdbc:sqlserver://h:1433;databaseName=db;user=u;password=****;encrypt=true",
        "jdbc:oracle:thin:u/s3cret@h:1521/svc | jdbc:oracle:thin:u/****@h:1521/svc",
        "Cannot reach jdbc:postgresql://h/db?password=s3cret as user 'u' | Cannot reach jdbc:postgresql://h/db?password=**** as user 'u'",
        "jdbc:h2:file:/opt/sisbridge/data/sisbridge;DB_CLOSE_ON_EXIT=FALSE | jdbc:h2:file:/opt/sisbridge/data/sisbridge;DB_CLOSE_ON_EXIT=FALSE",
        "jdbc:postgresql://h:5432/db?socketTimeout=10 | jdbc:postgresql://h:5432/db?socketTimeout=10",
    })
    void thePasswordIsMaskedAndTheRestStays(String url, String shown) {
        assertThat(JdbcUrlMasking.mask(url)).isEqualTo(shown).doesNotContain("s3cret");
        assertThat(JdbcUrlMasking.holdsPassword(url)).isEqualTo(!url.equals(shown));
    }

    @Test
    void theLogAndTheStatusPageNeverShowIt() {
        String failure = "Cannot reach the staging database jdbc:mariadb://sis:s3cret@db.college.edu/sis as user 'sis'";
        assertThat(LogMasking.mask(failure)).contains("jdbc:mariadb://sis:****@db.college.edu/sis").doesNotContain("s3cret");

        FlowActivity activity = new FlowActivity(Clock.systemUTC());
        activity.failure("idme-events", "111", failure);
        assertThat(activity.lastFailure("idme-events", "111")).doesNotContain("s3cret").contains("sis:****@");
    }
}
