package org.sisbridge.mail;

import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.upstream.UpstreamTrust;

/**
 * Sets up one of Camel's mail components (smtp for the digest, imaps for the report mailbox) for
 * the college's server: the account, its password from an environment variable or a file (never
 * from the properties), and TLS that checks the server's certificate and host name against the
 * sisbridge.mail.trust-store keys (empty = the JVM's default trust). The routes' endpoint URIs then
 * carry only the host, port and folder.
 */
public final class MailServer {

    private MailServer() {
    }

    /** The trust the sisbridge.mail.trust-store* keys describe, shared by the SMTP relay and the mailbox. */
    public static SSLContextParameters trust(AgentProperties config, SecretSource secrets) {
        return UpstreamTrust.parameters("sisbridge.mail.trust-store", config.textOrEmpty("sisbridge.mail.trust-store"),
                config.text("sisbridge.mail.trust-store-type"),
                secrets.read(config.textOrEmpty("sisbridge.mail.trust-store-password-env"),
                        config.textOrEmpty("sisbridge.mail.trust-store-password-file")));
    }

    /**
     * @param scheme   "smtp" or "imaps"
     * @param username empty = no login (a relay that trusts the agent's address)
     * @param extra    further JavaMail properties (STARTTLS for SMTP)
     */
    public static void configure(CamelContext context, String scheme, String username, String password,
                                 SSLContextParameters trust, int timeoutMs, Properties extra) {
        MailConfiguration configuration = context.getComponent(scheme, MailComponent.class).getConfiguration();
        if (!username.isEmpty()) {
            configuration.setUsername(username);
            configuration.setPassword(password);
        }
        configuration.setSslContextParameters(trust);
        configuration.setConnectionTimeout(timeoutMs);
        Properties properties = new Properties();
        // JavaMail checks only the chain by default; the host name must match too
        properties.setProperty("mail." + scheme + ".ssl.checkserveridentity", "true");
        properties.setProperty("mail." + scheme + ".timeout", Integer.toString(timeoutMs));
        properties.setProperty("mail." + scheme + ".writetimeout", Integer.toString(timeoutMs));
        properties.putAll(extra);
        configuration.setAdditionalJavaMailProperties(properties);
    }
}
