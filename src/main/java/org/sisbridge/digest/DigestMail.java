package org.sisbridge.digest;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.sisbridge.watch.StatusPageHtml;

/**
 * Writes a digest as an e-mail: multipart/alternative with a plain-text and a simple HTML part
 * saying the same. Students are listed by CCCID; a name follows only when the content carries
 * names (sisbridge.digest.include-names=true). Every value in the HTML part is escaped.
 */
public class DigestMail {

    private final Session session = Session.getInstance(new Properties());
    private final InternetAddress from;
    private final InternetAddress[] to;

    public DigestMail(String from, String to) {
        try {
            this.from = new InternetAddress(from, true);
            this.to = InternetAddress.parse(to, true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not an e-mail address list: " + e.getMessage(), e);
        }
    }

    /** The day's Message-ID: the same for every attempt at that day's digest. */
    public String messageId(LocalDate day) {
        String address = from.getAddress();
        return "<sisbridge-digest-" + day + "@" + address.substring(address.indexOf('@') + 1) + ">";
    }

    public MimeMessage write(DigestContent content, String messageId, Instant sentAt) throws MessagingException {
        MimeMessage mail = new DigestMessage(session, messageId);
        mail.setFrom(from);
        mail.setRecipients(Message.RecipientType.TO, to);
        mail.setSubject(subject(content), "UTF-8");
        mail.setSentDate(Date.from(sentAt));
        mail.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(text(content), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(html(content), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        mail.setContent(alternative);
        mail.saveChanges();
        return mail;
    }

    static String subject(DigestContent c) {
        return "sisbridge daily digest " + c.day() + ": " + c.becameUnverified().size() + " unverified, "
                + c.becameExpired().size() + " expired, " + c.expiring().size() + " expiring within "
                + c.expiringWithinDays() + " days, " + c.newRejects() + " new rejects";
    }

    private static String text(DigestContent c) {
        StringBuilder out = new StringBuilder();
        out.append("ID.me status digest for ").append(c.day()).append(" (changes staged from ").append(c.from())
                .append(" to ").append(c.until()).append(" UTC)\n\n");
        for (String[] count : counts(c)) {
            out.append(count[0]).append(": ").append(count[1]).append('\n');
        }
        section(out, "Students who became unverified", c.becameUnverified(), c.names());
        section(out, "Students whose verification expired", c.becameExpired(), c.names());
        out.append("\nVerifications expiring within ").append(c.expiringWithinDays()).append(" days (")
                .append(c.expiring().size()).append(")\n");
        c.expiring().forEach(e -> out.append("  ").append(e.cccId()).append(name(c.names(), e.cccId()))
                .append("  expires ").append(e.expiresAt().toLocalDate()).append('\n'));
        out.append("\nNew rejects (").append(c.newRejects()).append(")\n");
        c.rejectsBySource().forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
        return out.toString();
    }

    private static String html(DigestContent c) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        out.append("<h2>ID.me status digest for ").append(esc(c.day())).append("</h2><p>Changes staged from ")
                .append(esc(c.from())).append(" to ").append(esc(c.until())).append(" UTC</p><table>");
        for (String[] count : counts(c)) {
            out.append("<tr><td>").append(esc(count[0])).append("</td><td>").append(esc(count[1])).append("</td></tr>");
        }
        out.append("</table>");
        htmlList(out, "Students who became unverified", c.becameUnverified().stream()
                .map(id -> id + name(c.names(), id)).toList());
        htmlList(out, "Students whose verification expired", c.becameExpired().stream()
                .map(id -> id + name(c.names(), id)).toList());
        htmlList(out, "Verifications expiring within " + c.expiringWithinDays() + " days", c.expiring().stream()
                .map(e -> e.cccId() + name(c.names(), e.cccId()) + " (expires " + e.expiresAt().toLocalDate() + ")").toList());
        htmlList(out, "New rejects", c.rejectsBySource().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
        return out.append("</body></html>").toString();
    }

    private static List<String[]> counts(DigestContent c) {
        return List.of(new String[] {"Events received", Long.toString(c.eventsReceived())},
                new String[] {"Report rows loaded", Long.toString(c.reportRowsLoaded())},
                new String[] {"Became unverified", Integer.toString(c.becameUnverified().size())},
                new String[] {"Expired", Integer.toString(c.becameExpired().size())},
                new String[] {"Expiring within " + c.expiringWithinDays() + " days", Integer.toString(c.expiring().size())},
                new String[] {"New rejects", Long.toString(c.newRejects())});
    }

    private static void section(StringBuilder out, String title, List<String> ids, Map<String, String> names) {
        out.append('\n').append(title).append(" (").append(ids.size()).append(")\n");
        ids.forEach(id -> out.append("  ").append(id).append(name(names, id)).append('\n'));
    }

    private static void htmlList(StringBuilder out, String title, List<String> lines) {
        out.append("<h3>").append(esc(title)).append(" (").append(lines.size()).append(")</h3>");
        if (!lines.isEmpty()) {
            out.append("<ul>");
            lines.forEach(l -> out.append("<li>").append(esc(l)).append("</li>"));
            out.append("</ul>");
        }
    }

    /**
     * The student's name after the CCCID, on that line: a name is the upstream's text, and one with line breaks in
     * it once started lines of its own in the plain-text part ("IT: your password expires, reset it at ..."), in a
     * mail staff trust. Control characters and line or paragraph separators become spaces.
     */
    private static String name(Map<String, String> names, String cccId) {
        String name = names.get(cccId);
        return name == null || name.isBlank() ? "" : " " + name.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]", " ").strip();
    }

    private static String esc(Object value) {
        return StatusPageHtml.esc(value);
    }
}
