package org.sisbridge.digest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sisbridge.staff.ExpiringVerifications;

/**
 * Names in the digest (sisbridge.digest.include-names=true) come from the upstream's events: a name with line
 * breaks in it stays on its student's line in the plain-text part, and no part of it reaches the headers or runs in
 * the HTML part. A first name of "Ana\r\n\r\nIT: your password expires, reset it at http://evil.example" once
 * started lines of its own in a mail staff trust.
 */
class DigestMailNamesTest {

    private static final String TRICK = "<img src=x onerror=alert(1)>\r\n\r\nIT: your password expires, reset it at"
            + " http://evil.example\r\nBcc: victim@example.com";

    @Test
    void aNameWithLineBreaksStaysOnItsStudentsLineAndIsEscapedInHtml() throws Exception {
        LocalDateTime until = LocalDateTime.of(2026, 12, 1, 7, 0);
        DigestContent content = new DigestContent(LocalDate.of(2026, 12, 1), until.minusDays(1), until, 4, 2,
                List.of("AAA1111"), List.of(), List.of(new ExpiringVerifications.Expiring("AAA2222", until.minusDays(360),
                until.plusDays(5))), 30, Map.of("events", 1L), Map.of("AAA1111", TRICK, "AAA2222", "Ben\u0085\u2028Quist"));
        DigestMail mail = new DigestMail("sisbridge@college.edu", "ar@college.edu");
        MimeMessage message = mail.write(content, mail.messageId(content.day()), Instant.parse("2026-12-01T07:00:00Z"));

        assertThat(message.getHeader("Bcc")).isNull();
        MimeMultipart parts = (MimeMultipart) message.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        List<String> lines = text.lines().toList();
        assertThat(lines).as("every line of the text part").noneMatch(l -> l.startsWith("IT:") || l.startsWith("Bcc:"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  AAA1111 <img src=x onerror=alert(1)>").contains("IT: your password"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  AAA2222 Ben").contains("Quist").contains("expires 2026-12-06"));
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(html).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;");
    }
}
