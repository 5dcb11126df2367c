package org.sisbridge.reports.mailbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.mail.MailServer;
import org.sisbridge.reports.ReportIntake;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staging.SecretSource;

/**
 * The beans routes/idme-status-report-mailbox.yaml calls, built from the
 * {@code sisbridge.reports.mailbox.*} keys after ReportsBeans (whose intake they share), and
 * Camel's imaps component set up for the college's mail server.
 */
public class MailboxBeans implements CamelConfiguration {

    private final SecretSource secrets;

    public MailboxBeans(SecretSource secrets) {
        this.secrets = secrets;
    }

    @Override
    public void configure(CamelContext context) {
        AgentProperties config = new AgentProperties(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        boolean enabled = config.flag("sisbridge.reports.mailbox.enabled");
        AllowedSenders senders = new AllowedSenders(config.textOrEmpty("sisbridge.reports.mailbox.allowed-senders"));
        if (enabled && senders.isEmpty()) {
            throw new InvalidConfigurationException(List.of("sisbridge.reports.mailbox.enabled=true needs"
                    + " sisbridge.reports.mailbox.allowed-senders (the addresses or @domains the reports come from)"));
        }
        registry.bind("reportMailboxSenders", senders);
        registry.bind("mailboxReports", new MailboxReports(registry.lookupByNameAndType("reportIntake", ReportIntake.class),
                Path.of(config.text("sisbridge.reports.download-folder")),
                Long.parseLong(config.text("sisbridge.reports.mailbox.max-attachment-bytes")),
                config.text("sisbridge.reports.mailbox.unusable-folder")));
        if (enabled) {
            MailServer.configure(context, "imaps", config.text("sisbridge.reports.mailbox.username"),
                    secrets.read(config.textOrEmpty("sisbridge.reports.mailbox.password-env"),
                            config.textOrEmpty("sisbridge.reports.mailbox.password-file")),
                    MailServer.trust(config, secrets), config.integer("sisbridge.reports.mailbox.timeout-ms"), new Properties());
        }
    }
}
