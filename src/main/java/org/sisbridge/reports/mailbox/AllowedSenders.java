package org.sisbridge.reports.mailbox;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.SearchTerm;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which messages of the mailbox the agent takes: those whose From address is one of
 * sisbridge.reports.mailbox.allowed-senders, each an exact address or {@code @domain} for any
 * address of that domain. As the consumer's search term it decides before a message is fetched,
 * so any other message is never read, never marked seen and never moved: the mailbox may be
 * shared with people. (JavaMail matches a term of its own class on the client from the headers.)
 */
public class AllowedSenders extends SearchTerm {

    private final Set<String> allowed;

    public AllowedSenders(String list) {
        this.allowed = Arrays.stream(list.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public boolean isEmpty() {
        return allowed.isEmpty();
    }

    @Override
    public boolean match(Message message) {
        try {
            Address[] from = message.getFrom();
            return from != null && from.length == 1 && allows(from[0]);
        } catch (MessagingException e) {
            return false;
        }
    }

    boolean allows(Address address) {
        if (!(address instanceof InternetAddress internet) || internet.getAddress() == null) {
            return false;
        }
        String sender = internet.getAddress().trim().toLowerCase(Locale.ROOT);
        int at = sender.lastIndexOf('@');
        return allowed.contains(sender) || (at > 0 && allowed.contains(sender.substring(at)));
    }

    /** The sender's domain only (@example.edu): what a log line may say about who sent a message. */
    static String domainOf(Message message) {
        try {
            Address[] from = message.getFrom();
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress internet && internet.getAddress() != null) {
                String address = internet.getAddress();
                return address.substring(Math.max(0, address.lastIndexOf('@')));
            }
        } catch (MessagingException e) {
            // said as unknown below
        }
        return "(unknown sender)";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AllowedSenders senders && senders.allowed.equals(allowed);
    }

    @Override
    public int hashCode() {
        return allowed.hashCode();
    }
}
