package org.sisbridge.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.TestServerCertificate;
import org.sisbridge.staff.StatusRows;
import org.sisbridge.staging.StagingSchemaMigrator;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.ClosedPort;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.StartTlsRelay;
import org.sisbridge.testsupport.TestDatabase;
import org.sisbridge.testsupport.TestDatabases;

/**
 * The digest through a real SMTP server (GreenMail, with login): a relay that is down at first is
 * retried, and the day's digest then arrives exactly once, well formed, with the expected CCCIDs and
 * without names unless asked for; a day with nothing to say sends nothing.
 */
class DailyDigestMailTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final LocalDateTime YESTERDAY = TODAY.minusDays(1).atTime(LocalTime.NOON);

    @ParameterizedTest(name = "on {0}")
    @MethodSource("kinds")
    void aFailedRelayIsRetriedAndTheDigestArrivesOnce(DatabaseKind kind) throws Exception {
        TestDatabase database = TestDatabases.create(kind, "digest-mail");
        int port = ClosedPort.find();
        GreenMail relay = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("sisbridge", "relay-secret"));
        try (AgentFixture fixture = digestAgent(database, port, false)) {
            // the day's changes are there before the agent's first check (which would otherwise find nothing to say)
            StagingSchemaMigrator.migrate(database.dataSource(), database.kind());
            new StatusRows(database)
                    .event("AAA1111", "unverified", YESTERDAY, "Ana", "Alvarez")
                    .report("BBB2222", "expired", YESTERDAY.plusHours(1))
                    .report("CCC3333", "verified", TODAY.atStartOfDay().minusDays(355));
            fixture.start();

            // the relay is down: the day stays PENDING with its failure, nothing is marked sent
            await().atMost(Duration.ofSeconds(30)).until(() -> database.queries()
                    .count("SELECT COUNT(*) FROM sisbridge_digest WHERE state = 'PENDING' AND last_failure IS NOT NULL") == 1);
            relay.start();
            // GreenMail keeps one copy per recipient: two recipients, one message
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.getReceivedMessages().length == 2);
            await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(database.queries()
                    .single("SELECT state FROM sisbridge_digest").toString().trim()));
            // later checks find the day sent: still one message
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> relay.getReceivedMessages().length == 2);
            assertThat(relay.getReceivedMessagesForDomain("college.example.edu")).extracting(MimeMessage::getMessageID)
                    .containsOnly("<sisbridge-digest-" + TODAY + "@college.example.edu>");

            MimeMessage mail = relay.getReceivedMessages()[0];
            assertThat(mail.getMessageID()).isEqualTo("<sisbridge-digest-" + TODAY + "@college.example.edu>");
            assertThat(mail.getFrom()[0].toString()).isEqualTo("sisbridge@college.example.edu");
            assertThat(mail.getAllRecipients()).extracting(Object::toString)
                    .containsExactly("registrar@college.example.edu", "it@college.example.edu");
            assertThat(mail.getSubject()).contains("1 unverified, 1 expired, 1 expiring within 30 days");
            assertThat(mail.getContentType()).startsWith("multipart/alternative");
            MimeMultipart parts = (MimeMultipart) mail.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
            String text = (String) parts.getBodyPart(0).getContent();
            String html = (String) parts.getBodyPart(1).getContent();
            for (String body : new String[] {text, html}) {
                assertThat(body).contains("AAA1111", "BBB2222", "CCC3333").doesNotContain("Ana", "Alvarez");
            }
            assertThat(GreenMailUtil.getHeaders(mail)).contains("Auto-Submitted: auto-generated");
            assertThat(((Number) database.queries().single("SELECT attempts FROM sisbridge_digest")).intValue())
                    .isGreaterThanOrEqualTo(2);
        } finally {
            relay.stop();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("kinds")
    void namesOnlyWhenAskedAndNothingOnAnEmptyDay(DatabaseKind kind) throws Exception {
        int port = ClosedPort.find();
        GreenMail relay = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("sisbridge", "relay-secret"));
        relay.start();
        try {
            TestDatabase empty = TestDatabases.create(kind, "digest-empty");
            try (AgentFixture fixture = digestAgent(empty, port, true)) {
                fixture.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> empty.queries()
                        .count("SELECT COUNT(*) FROM sisbridge_digest WHERE state = 'SKIPPED'") == 1);
                assertThat(relay.getReceivedMessages()).isEmpty();
            }

            TestDatabase named = TestDatabases.create(kind, "digest-names");
            try (AgentFixture fixture = digestAgent(named, port, true)) {
                StagingSchemaMigrator.migrate(named.dataSource(), named.kind());
                new StatusRows(named).event("AAA1111", "unverified", YESTERDAY, "Ana", "<b>Alvarez</b>");
                fixture.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> relay.getReceivedMessages().length == 2);
                MimeMultipart parts = (MimeMultipart) relay.getReceivedMessages()[0].getContent();
                assertThat((String) parts.getBodyPart(0).getContent()).contains("AAA1111 Ana <b>Alvarez</b>");
                assertThat((String) parts.getBodyPart(1).getContent()).contains("AAA1111 Ana &lt;b&gt;Alvarez&lt;/b&gt;")
                        .doesNotContain("<b>Alvarez");
            }
        } finally {
            relay.stop();
        }
    }

    /** STARTTLS is required by default: a relay that does not offer it gets nothing, rather than the digest in clear. */
    @org.junit.jupiter.api.Test
    void aRelayWithoutStarttlsIsRefusedAndNothingTravelsInClear() throws Exception {
        int port = ClosedPort.find();
        GreenMail relay = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("sisbridge", "relay-secret"));
        relay.start();
        try {
            TestDatabase database = TestDatabases.create(DatabaseKind.H2, "digest-starttls");
            try (AgentFixture fixture = digestAgent(database, port, false).property("sisbridge.digest.starttls", true)) {
                StagingSchemaMigrator.migrate(database.dataSource(), database.kind());
                new StatusRows(database).event("AAA1111", "unverified", YESTERDAY, "Ana", "Alvarez");
                fixture.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> database.queries()
                        .count("SELECT COUNT(*) FROM sisbridge_digest WHERE state = 'PENDING' AND last_failure IS NOT NULL") == 1);
                assertThat(database.queries().single("SELECT last_failure FROM sisbridge_digest").toString()).containsIgnoringCase("STARTTLS");
                assertThat(relay.getReceivedMessages()).isEmpty();
            }
        } finally {
            relay.stop();
        }
    }

    /**
     * The default: STARTTLS, then the login, over a relay whose certificate the college's trust store
     * (sisbridge.mail.trust-store) vouches for, its host name checked. GreenMail speaks no STARTTLS, hence
     * StartTlsRelay.
     */
    @org.junit.jupiter.api.Test
    void aRelayThatSpeaksStarttlsGetsTheDigestEncryptedAfterTheLogin() throws Exception {
        TestServerCertificate certificate = relayCertificate();
        try (StartTlsRelay relay = StartTlsRelay.start(certificate)) {
            TestDatabase database = TestDatabases.create(DatabaseKind.H2, "digest-starttls-ok");
            try (AgentFixture fixture = digestAgent(database, relay.port(), false)
                    .property("sisbridge.digest.starttls", true)
                    .property("sisbridge.mail.trust-store", certificate.trustStore().trustStore().toString())
                    .property("sisbridge.mail.trust-store-password-file", certificate.trustStore().passwordFile().toString())) {
                oneChangeYesterday(database);
                fixture.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> database.queries()
                        .count("SELECT COUNT(*) FROM sisbridge_digest WHERE state = 'SENT'") == 1);
            }
            assertThat(relay.failures()).isEmpty();
            assertThat(relay.received()).hasSize(1);
            StartTlsRelay.Received mail = relay.received().get(0);
            assertThat(mail.overTls()).isTrue();
            assertThat(mail.user()).isEqualTo("sisbridge");
            assertThat(mail.recipients()).containsExactly("<registrar@college.example.edu>", "<it@college.example.edu>");
            assertThat(mail.data()).contains("AAA1111", "Message-ID: <sisbridge-digest-" + TODAY + "@college.example.edu>");
        }
    }

    /** A relay whose certificate nothing vouches for (the JVM's own trust, no trust store set) gets nothing. */
    @org.junit.jupiter.api.Test
    void aRelayWhoseCertificateIsNotTrustedGetsNothing() throws Exception {
        TestServerCertificate certificate = relayCertificate();
        try (StartTlsRelay relay = StartTlsRelay.start(certificate)) {
            TestDatabase database = TestDatabases.create(DatabaseKind.H2, "digest-starttls-untrusted");
            try (AgentFixture fixture = digestAgent(database, relay.port(), false).property("sisbridge.digest.starttls", true)) {
                oneChangeYesterday(database);
                fixture.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> database.queries()
                        .count("SELECT COUNT(*) FROM sisbridge_digest WHERE state = 'PENDING' AND last_failure IS NOT NULL") == 1);
                assertThat(database.queries().single("SELECT last_failure FROM sisbridge_digest").toString())
                        .containsIgnoringCase("certif");
            }
            assertThat(relay.received()).isEmpty();
        }
    }

    /** The relay's certificate for 127.0.0.1, and the trust store that vouches for it. */
    private static TestServerCertificate relayCertificate() throws Exception {
        return TestServerCertificate.write(Files.createTempDirectory(AgentFixture.HOME.resolve("target"), "digest-starttls"));
    }

    /** A day with something to say: one student's change, staged before the agent's first check. */
    private static void oneChangeYesterday(TestDatabase database) throws Exception {
        StagingSchemaMigrator.migrate(database.dataSource(), database.kind());
        new StatusRows(database).event("AAA1111", "unverified", YESTERDAY, "Ana", "Alvarez");
    }

    static java.util.stream.Stream<DatabaseKind> kinds() {
        return java.util.stream.Stream.of(DatabaseKind.H2, DatabaseKind.POSTGRESQL);
    }

    /** The agent with only the digest on, due at once (send-at 00:00 UTC), checking every 200 ms. */
    private static AgentFixture digestAgent(TestDatabase database, int smtpPort, boolean includeNames) throws Exception {
        Path secret = AgentFixture.HOME.resolve("target/test-digest/" + System.nanoTime() + "/smtp-password");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, "relay-secret\n");
        return new AgentFixture(new SimulatorSettings(), database)
                .property("sisbridge.events.enabled", false)
                .property("sisbridge.reports.enabled", false)
                .property("sisbridge.reports.drop-enabled", false)
                .property("sisbridge.roster.enabled", false)
                .property("sisbridge.digest.enabled", true)
                .property("sisbridge.digest.send-at", "00:00")
                .property("sisbridge.digest.zone", "UTC")
                .property("sisbridge.digest.check-interval-ms", 1500)
                .property("sisbridge.digest.retry-interval-ms", 0)
                .property("sisbridge.digest.to", "registrar@college.example.edu, it@college.example.edu")
                .property("sisbridge.digest.from", "sisbridge@college.example.edu")
                .property("sisbridge.digest.smtp-host", "127.0.0.1")
                .property("sisbridge.digest.smtp-port", smtpPort)
                // GreenMail speaks no STARTTLS: the login is tested here, STARTTLS against StartTlsRelay
                .property("sisbridge.digest.starttls", false)
                .property("sisbridge.digest.username", "sisbridge")
                .property("sisbridge.digest.password-env", "")
                .property("sisbridge.digest.password-file", secret.toString())
                .property("sisbridge.digest.smtp-timeout-ms", 2000)
                .property("sisbridge.digest.include-names", includeNames);
    }
}
