package org.sisbridge.roster;

import com.sanctionco.jmail.Email;
import com.sanctionco.jmail.EmailValidationResult;
import com.sanctionco.jmail.EmailValidator;
import com.sanctionco.jmail.FailureReason;
import com.sanctionco.jmail.JMail;
import java.net.IDN;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an address can receive the account's mail, and the form it is sent upstream in.
 *
 * <p>Parsed by JMail (com.sanctionco.jmail 2.1.0) rather than a pattern of our own: it follows RFC
 * 5321/5322 and its own corpus of edge cases, and names why an address fails (a dot at the end of the
 * local part, a label that starts with a dash, a label over 63 characters, a local part over 64), so
 * each failure gets a reason staff understand. Chosen over commons-validator 1.10.0, whose
 * EmailValidator answers only yes or no, checks top-level domains against a list frozen at its
 * release, and brings commons-beanutils, -digester and -logging along; JMail has no dependencies.
 *
 * <p>On top of the standard, the rules of account creation: an address that mail systems commonly
 * refuse or that staff surely did not mean is refused, each with its own reason: a quoted local part,
 * a comment, an IP address instead of a domain, a non-ASCII local part (SMTPUTF8 is not universal),
 * a one-letter or numeric top-level domain, and the top-level names reserved by RFC 2606 and RFC
 * 6761 that never receive mail: .invalid, .localhost, .test and .example (and .local, .onion and .arpa,
 * RFC 6762, 7686 and 3172, which no mailbox of a student uses). The reserved second-level
 * names (example.com, example.edu, ...) are real domains under real top-level domains and stay valid.
 *
 * <p>An internationalized domain ({@code ana@bücher.de}) is accepted and sent upstream in its
 * A-label (ASCII) form, {@code ana@xn--bcher-kva.de} (java.net.IDN, IDNA 2003 with the STD3 rules),
 * so the address on the wire is ASCII whatever the mail system, and one domain has one spelling when
 * the upstream matches duplicates by e-mail. The contract (upstream-v1.yaml) says so.
 */
public final class EmailAddress {

    private static final EmailValidator RULES = JMail.validator()
            .requireTopLevelDomain()
            .disallowSingleCharacterTopLevelDomains()
            .disallowExplicitSourceRouting()
            .disallowQuotedIdentifiers()
            .disallowObsoleteWhitespace();

    private static final Set<String> RESERVED_TOP_LEVEL = Set.of("invalid", "localhost", "test", "example", "local", "onion", "arpa");

    private static final Map<FailureReason, String> REASONS = Map.ofEntries(
            Map.entry(FailureReason.MISSING_AT_SYMBOL, "email has no @"),
            Map.entry(FailureReason.MULTIPLE_AT_SYMBOLS, "email has more than one @"),
            Map.entry(FailureReason.BEGINS_WITH_AT_SYMBOL, "email has nothing before the @"),
            Map.entry(FailureReason.LOCAL_PART_MISSING, "email has nothing before the @"),
            Map.entry(FailureReason.DOMAIN_MISSING, "email has no domain after the @"),
            Map.entry(FailureReason.STARTS_WITH_DOT, "email starts with a dot"),
            Map.entry(FailureReason.LOCAL_PART_ENDS_WITH_DOT, "the part of the email before the @ ends with a dot"),
            Map.entry(FailureReason.MULTIPLE_DOT_SEPARATORS, "email has two dots in a row"),
            Map.entry(FailureReason.ENDS_WITH_DOT, "email ends with a dot"),
            Map.entry(FailureReason.LOCAL_PART_TOO_LONG, "the part of the email before the @ is longer than 64 characters"),
            Map.entry(FailureReason.DOMAIN_PART_TOO_LONG, "a part of the email's domain (between dots) is longer than 63 characters"),
            Map.entry(FailureReason.DOMAIN_TOO_LONG, "the email's domain is longer than 253 characters"),
            Map.entry(FailureReason.ADDRESS_TOO_LONG, "email is longer than an address may be"),
            Map.entry(FailureReason.DOMAIN_PART_STARTS_WITH_DASH, "a part of the email's domain starts with a dash"),
            Map.entry(FailureReason.DOMAIN_PART_ENDS_WITH_DASH, "a part of the email's domain ends with a dash"),
            Map.entry(FailureReason.INVALID_DOMAIN_CHARACTER, "the email's domain has a character a domain cannot have"),
            Map.entry(FailureReason.MISSING_TOP_LEVEL_DOMAIN, "the email's domain has no top-level part (such as .edu)"),
            Map.entry(FailureReason.MISSING_FINAL_DOMAIN_PART, "the email's domain has no top-level part (such as .edu)"),
            Map.entry(FailureReason.SINGLE_CHARACTER_TOP_LEVEL_DOMAIN, "the email's top-level domain is a single letter"),
            Map.entry(FailureReason.NUMERIC_TLD, "the email's top-level domain is a number"),
            Map.entry(FailureReason.TOP_LEVEL_DOMAIN_TOO_LONG, "the email's top-level domain is too long"),
            Map.entry(FailureReason.CONTAINS_QUOTED_IDENTIFIER, "email holds a display name (\"Name\" <address>); give the address alone"),
            Map.entry(FailureReason.UNQUOTED_ANGLED_BRACKET, "email holds a display name or angle brackets; give the address alone"),
            Map.entry(FailureReason.CONTAINS_EXPLICIT_SOURCE_ROUTING, "email has a source route (@host:) before the address"),
            Map.entry(FailureReason.INVALID_WHITESPACE, "email has a space inside it"),
            Map.entry(FailureReason.CONTAINS_OBSOLETE_WHITESPACE, "email has a space inside it"),
            Map.entry(FailureReason.DISALLOWED_UNQUOTED_CHARACTER, "the part of the email before the @ has a character that"
                    + " needs quoting (such as a space, a comma or a bracket)"));

    private EmailAddress() {
    }

    /** Why the address (spaces around it ignored) cannot be used for an account, or empty when it can. */
    public static Optional<String> problem(String address) {
        String a = UnicodeSpace.stripToNull(address);
        if (a == null) {
            return Optional.of("email is empty");
        }
        if (a.indexOf('"') >= 0) {
            return Optional.of("email has quotes (a quoted part before the @, which few mail systems take, or a quoted"
                    + " name); give a plain address");
        }
        if (a.codePoints().anyMatch(UnicodeSpace::isSpace)) {
            return Optional.of("email has a space inside it");
        }
        if (a.codePoints().anyMatch(EmailAddress::invisible)) {
            return Optional.of("email has a control or invisible character in it");
        }
        int at = a.lastIndexOf('@');
        if (at == 0) {
            return Optional.of("email has nothing before the @");
        }
        if (at >= 0 && a.indexOf('[', at) >= 0) {
            return Optional.of("email names an IP address in brackets instead of a domain");
        }
        if (a.indexOf('<') >= 0 || a.indexOf('>') >= 0) {
            return Optional.of("email holds a display name or angle brackets; give the address alone");
        }
        if (a.indexOf('\\') >= 0) {
            return Optional.of("email has a backslash, which only a quoted address may have");
        }
        EmailValidationResult result = RULES.validate(a);
        if (result.isFailure()) {
            FailureReason why = result.getFailureReason();
            return Optional.of(REASONS.getOrDefault(why, "email is not a valid address ("
                    + why.toString().toLowerCase(Locale.ROOT).replace('_', ' ') + ")"));
        }
        Email email = result.getEmail().orElseThrow();
        if (!email.comments().isEmpty()) {
            return Optional.of("email has a comment in brackets; give the address alone");
        }
        if (email.isIpAddress()) {
            return Optional.of("email names an IP address in brackets instead of a domain");
        }
        if (!email.localPart().chars().allMatch(c -> c < 0x80)) {
            return Optional.of("the part of the email before the @ has a letter outside ASCII (such as é); many mail"
                    + " systems cannot deliver to it");
        }
        String ascii = asciiDomain(email.domain());
        if (ascii == null) {
            return Optional.of("the email's domain cannot be written in the ASCII form mail systems use (IDNA)");
        }
        return Optional.ofNullable(asciiDomainProblem(ascii)).or(() -> email.localPart().length() + 1 + ascii.length() > 254
                ? Optional.of("email is longer than 254 characters (its domain counted in the ASCII form it is sent in)")
                : Optional.empty());
    }

    /**
     * What the domain's A-label form breaks: checked again after IDNA, since a full-width dot or
     * dash (U+FF0E, U+FF0D) only becomes one there, and an xn-- label must decode.
     */
    private static String asciiDomainProblem(String ascii) {
        String[] labels = ascii.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return "the email's domain has an empty part (a dot at its end, or two dots in a row)";
            }
            if (label.length() > 63) {
                return "a part of the email's domain (between dots) is longer than 63 characters in its ASCII form";
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return "a part of the email's domain starts or ends with a dash";
            }
            String lower = label.toLowerCase(Locale.ROOT);
            if (lower.startsWith("xn--") && IDN.toUnicode(lower, IDN.USE_STD3_ASCII_RULES).equals(lower)) {
                return "a part of the email's domain starts with xn-- but is not a valid encoded name";
            }
            if (!lower.startsWith("xn--") && label.length() >= 4 && label.startsWith("--", 2)) {
                return "a part of the email's domain has two dashes in 3rd and 4th place, kept for encoded (xn--) names";
            }
        }
        String top = labels[labels.length - 1].toLowerCase(Locale.ROOT);
        if (RESERVED_TOP_LEVEL.contains(top)) {
            return "the email's domain ends in ." + top + ", a special-use name (RFC 2606, 6761, 6762, 7686) that never"
                    + " receives mail";
        }
        if (!top.startsWith("xn--") && !top.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            return "the email's top-level domain (after the last dot) is not a name of letters";
        }
        if (ascii.length() > 253) {
            return "the email's domain is longer than 253 characters in its ASCII form";
        }
        return null;
    }

    /**
     * The address as it is sent upstream: spaces around it trimmed, the domain in its A-label
     * form. An address that is not valid (see {@link #problem}) is returned trimmed only.
     */
    public static String wireForm(String address) {
        String a = UnicodeSpace.stripToNull(address);
        if (a == null) {
            return null;
        }
        int at = a.lastIndexOf('@');
        if (at < 0 || a.substring(at + 1).chars().allMatch(c -> c < 0x80)) {
            return a;
        }
        String ascii = asciiDomain(a.substring(at + 1));
        return ascii == null ? a : a.substring(0, at + 1) + ascii;
    }

    /** A control, format (such as a direction override), private-use, unassigned or surrogate character. */
    private static boolean invisible(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED || type == Character.SURROGATE;
    }

    private static String asciiDomain(String domain) {
        try {
            return IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
