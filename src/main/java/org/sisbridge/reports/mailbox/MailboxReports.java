package org.sisbridge.reports.mailbox;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mail.MailMessage;
import org.sisbridge.reports.ReportIntake;
import org.sisbridge.reports.ReportLoadStoppedException;
import org.sisbridge.reports.ReportOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message from an allowed sender: each CSV attachment goes through the drop folder's intake
 * ({@link ReportIntake#fromDrop}), so a report mailed twice, or mailed and dropped, loads once
 * (by its sha256) and its bad rows are rejected exactly as for a dropped file. The intake is
 * called directly rather than through the drop folder's inbox so that the message is moved only
 * once its reports are loaded or refused: a database failure fails the exchange, the message stays
 * where it is and is read again on the next poll, and a mailbox works with the drop folder off.
 *
 * <p>The message then moves to the processed folder (the endpoint's moveTo), or, when none of its
 * attachments was a report that could be loaded, to the unusable folder (header moveTo), with one
 * log line naming only the sender's domain.
 */
public class MailboxReports {

    private static final Logger LOG = LoggerFactory.getLogger(MailboxReports.class);
    private static final int BUFFER = 64 * 1024;

    private final ReportIntake intake;
    private final Path workFolder;
    private final long maxAttachmentBytes;
    private final String unusableFolder;

    public MailboxReports(ReportIntake intake, Path workFolder, long maxAttachmentBytes, String unusableFolder) {
        this.intake = intake;
        this.workFolder = workFolder;
        this.maxAttachmentBytes = maxAttachmentBytes;
        this.unusableFolder = unusableFolder;
    }

    public void take(Exchange exchange) throws MessagingException, IOException, SQLException, ReportLoadStoppedException {
        Message mail = exchange.getIn(MailMessage.class).getOriginalMessage();
        String sender = AllowedSenders.domainOf(mail);
        List<Part> attachments = new ArrayList<>();
        collectCsv(mail, attachments);
        List<String> problems = new ArrayList<>();
        int usable = 0;
        for (Part attachment : attachments) {
            String name = attachment.getFileName().trim();
            String reportId = reportId(name);
            Path file = save(attachment, reportId);
            if (file == null) {
                problems.add(name + " is larger than sisbridge.reports.mailbox.max-attachment-bytes (" + maxAttachmentBytes + ")");
                continue;
            }
            try {
                ReportOutcome outcome = intake.fromDrop(reportId, file);
                if (outcome.status() == ReportOutcome.Status.REFUSED) {
                    problems.add(name + " refused: " + outcome.message());
                } else {
                    usable++;
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
        if (usable == 0) {
            exchange.getMessage().setHeader(MailConstants.MAIL_MOVE_TO, unusableFolder);
            LOG.warn("Report mail from {} has no usable report ({}): moved to mailbox folder {}", sender,
                    attachments.isEmpty() ? "no CSV attachment" : String.join("; ", problems), unusableFolder);
        } else {
            LOG.info("Report mail from {}: {} CSV attachment(s) taken{}", sender, usable,
                    problems.isEmpty() ? "" : ", " + problems.size() + " not (" + String.join("; ", problems) + ")");
        }
    }

    /** The parts with a file name ending in .csv, at any depth of the message's multiparts. */
    private static void collectCsv(Part part, List<Part> found) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectCsv(multipart.getBodyPart(i), found);
            }
            return;
        }
        String name = part.getFileName();
        if (name != null && name.trim().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            found.add(part);
        }
    }

    /** The report id a dropped file of that name would have, kept to the characters a report id may hold. */
    static String reportId(String fileName) {
        String base = Path.of(fileName.replace('\\', '/')).getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        String id = base.replaceAll("[^A-Za-z0-9._-]", "-");
        return id.isEmpty() ? "mailed-report" : id.substring(0, Math.min(100, id.length()));
    }

    /** @return the attachment decoded into a temporary file, or null when it is larger than allowed */
    private Path save(Part attachment, String reportId) throws IOException, MessagingException {
        Files.createDirectories(workFolder);
        Path file = Files.createTempFile(workFolder, "mail-" + reportId + "-", ".csv.part");
        long bytes = 0;
        try (InputStream in = attachment.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes += n;
                if (bytes > maxAttachmentBytes) {
                    out.close();
                    Files.deleteIfExists(file);
                    return null;
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | MessagingException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }
}
