package org.sisbridge.digest;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MimeMessage whose Message-ID is the day's own (from sisbridge_digest), not a fresh random one
 * at every send: a digest sent again after a crash between the relay's acceptance and the SENT
 * mark carries the same Message-ID, so mail clients and archives recognise the copy.
 */
final class DigestMessage extends MimeMessage {

    private final String messageId;

    DigestMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
