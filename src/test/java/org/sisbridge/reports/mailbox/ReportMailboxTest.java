package org.sisbridge.reports.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sisbridge.reports.ReportsFlowStatistics;
import org.sisbridge.runtime.SisbridgeAgent;
import org.sisbridge.simulator.ReportCatalog;
import org.sisbridge.simulator.SimulatorSettings;
import org.sisbridge.simulator.TestServerCertificate;
import org.sisbridge.testsupport.AgentFixture;
import org.sisbridge.testsupport.ClosedPort;
import org.sisbridge.testsupport.DatabaseKind;
import org.sisbridge.testsupport.TestDatabases;

/**
 * Reports read from a real IMAPS mailbox (GreenMail, with a certificate naming 127.0.0.1 that the
 * agent trusts through sisbridge.mail.trust-store, host name checked): a report mailed twice loads
 * once, a message with no report goes to the unusable folder, and an unknown sender's message is
 * left in the inbox unseen.
 */
class ReportMailboxTest {

    private static TestServerCertificate certificate;

    @BeforeAll
    static void serverCertificate() throws Exception {
        certificate = TestServerCertificate.write(AgentFixture.HOME.resolve("target/test-tls/mailbox-" + System.nanoTime()));
        // GreenMail reads its TLS key once per JVM from these properties
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, certificate.keyStore().toString());
        System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, TestServerCertificate.KEY_STORE_PASSWORD);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("kinds")
    void aReportMailedTwiceLoadsOnceAndStrangersAreLeftAlone(DatabaseKind kind) throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.eventsPerMisCode = 500;
        settings.reports.badRowRate = 0.02;
        int port = ClosedPort.find();
        GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS));
        server.start();
        GreenMailUser mailbox = server.setUser("reports@college.example.edu", "reports", "mailbox-secret");
        Path work = AgentFixture.HOME.resolve("target/test-mailbox/" + System.nanoTime());
        Files.createDirectories(work);
        Path password = Files.writeString(work.resolve("mailbox-password"), "mailbox-secret\n");
        try (AgentFixture fixture = new AgentFixture(settings, TestDatabases.create(kind, "reports-mailbox"))
                .property("sisbridge.events.enabled", false)
                .property("sisbridge.reports.enabled", false)
                .property("sisbridge.reports.drop-enabled", false)
                .property("sisbridge.roster.enabled", false)
                .property("sisbridge.reports.mailbox.enabled", true)
                .property("sisbridge.reports.mailbox.host", "127.0.0.1")
                .property("sisbridge.reports.mailbox.port", port)
                .property("sisbridge.reports.mailbox.username", "reports")
                .property("sisbridge.reports.mailbox.password-env", "")
                .property("sisbridge.reports.mailbox.password-file", password.toString())
                .property("sisbridge.reports.mailbox.allowed-senders", "@ccctechcenter.example.org, reports@idme.example.com")
                .property("sisbridge.reports.mailbox.poll-interval-ms", 1000)
                .property("sisbridge.reports.mailbox.timeout-ms", 5000)
                .property("sisbridge.reports.download-folder", work.resolve("download").toString())
                .property("sisbridge.mail.trust-store", certificate.trustStore().trustStore().toString())
                .property("sisbridge.mail.trust-store-password-file", certificate.trustStore().passwordFile().toString())) {
            ReportCatalog catalog = fixture.simulator.reports();
            ReportCatalog.Entry day = catalog.find("111", "111-DAILY-2024-01-01").orElseThrow();
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            catalog.write(day, report);
            long listedRows = catalog.fingerprint(day).rows();

            mailbox.deliver(mail("reports@idme.example.com", "111-DAILY-2024-01-01.csv", report.toByteArray()));
            mailbox.deliver(mail("Someone <someone@ccctechcenter.example.org>", "forwarded copy.csv", report.toByteArray()));
            mailbox.deliver(mail("stranger@elsewhere.example.net", "111-DAILY-2024-01-01.csv", report.toByteArray()));
            mailbox.deliver(mail("reports@idme.example.com", null, null));

            SisbridgeAgent agent = fixture.start();
            ReportsFlowStatistics statistics = agent.bean("reportsFlowStatistics", ReportsFlowStatistics.class);
            ImapHostManager folders = server.getManagers().getImapHostManager();
            await().atMost(Duration.ofSeconds(60)).until(() -> count(folders, mailbox, "sisbridge-processed") == 2
                    && count(folders, mailbox, "sisbridge-unusable") == 1 && count(folders, mailbox, "INBOX") == 1);

            assertThat(statistics.snapshot().loaded()).isEqualTo(1);
            assertThat(statistics.snapshot().alreadyLoaded()).isEqualTo(1);
            var load = fixture.db().rows("SELECT * FROM sisbridge_report_load");
            assertThat(load).hasSize(1);
            assertThat(load.get(0).get("report_id")).isEqualTo("111-DAILY-2024-01-01");
            long loaded = ((Number) load.get(0).get("rows_loaded")).longValue();
            long rejected = ((Number) load.get(0).get("rows_rejected")).longValue();
            assertThat(loaded + rejected).isEqualTo(listedRows);
            assertThat(rejected).isPositive();
            assertThat(fixture.db().count("SELECT COUNT(*) FROM idme_status_change")).isEqualTo(loaded);
            assertThat(fixture.db().count("SELECT COUNT(*) FROM sisbridge_reject")).isEqualTo(rejected);

            // the stranger's message: still in the inbox, never marked seen, on later polls too
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> {
                List<StoredMessage> inbox = folders.getFolder(mailbox, "INBOX").getMessages();
                return inbox.size() == 1 && !inbox.get(0).getFlags().contains(Flags.Flag.SEEN)
                        && inbox.get(0).getMimeMessage().getFrom()[0].toString().equals("stranger@elsewhere.example.net");
            });
        } finally {
            server.stop();
        }
    }

    static java.util.stream.Stream<DatabaseKind> kinds() {
        return java.util.stream.Stream.of(DatabaseKind.H2, DatabaseKind.POSTGRESQL);
    }

    private static long count(ImapHostManager folders, GreenMailUser user, String name) {
        try {
            MailFolder folder = folders.getFolder(user, name);
            return folder == null ? 0 : folder.getMessages().stream()
                    .filter(m -> !m.getFlags().contains(Flags.Flag.DELETED)).count();
        } catch (Exception e) {
            return 0;
        }
    }

    /** A message with the report as a CSV attachment (base64), or only a text part when csv is null. */
    private static MimeMessage mail(String from, String fileName, byte[] csv) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("reports@college.example.edu"));
        message.setSubject("ID.me status change report");
        MimeMultipart parts = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Please find the report attached.", "UTF-8");
        parts.addBodyPart(text);
        if (csv != null) {
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setContent(csv, "text/csv");
            attachment.setFileName(fileName);
            attachment.setDisposition(MimeBodyPart.ATTACHMENT);
            attachment.setHeader("Content-Transfer-Encoding", "base64");
            parts.addBodyPart(attachment);
        }
        message.setContent(parts);
        message.saveChanges();
        return message;
    }
}
