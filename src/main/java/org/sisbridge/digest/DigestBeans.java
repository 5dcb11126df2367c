package org.sisbridge.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.mail.MailServer;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.runtime.FlowActivity;
import org.sisbridge.staff.ExpiringVerifications;
import org.sisbridge.staff.RecentStatusChanges;
import org.sisbridge.staff.StatusSources;
import org.sisbridge.staff.StudentNames;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.staging.mapping.StagingMapping;

/**
 * The beans routes/staff-digest.yaml calls, built from the {@code sisbridge.digest.*} keys, and
 * Camel's smtp component set up for the college's relay. The staff queries are bound too
 * ({@code expiringVerifications}, {@code recentStatusChanges}) for whatever else shows them.
 */
public class DigestBeans implements CamelConfiguration {

    private final SecretSource secrets;

    public DigestBeans(SecretSource secrets) {
        this.secrets = secrets;
    }

    @Override
    public void configure(CamelContext context) {
        AgentProperties config = new AgentProperties(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        Clock clock = registry.lookupByNameAndType("clock", Clock.class);
        DataSource dataSource = registry.lookupByNameAndType("stagingDataSource", DataSource.class);
        StagingMapping mapping = registry.lookupByNameAndType("stagingMapping", StagingMapping.class);
        StagingSettings staging = registry.lookupByNameAndType("stagingSettings", StagingSettings.class);

        StatusSources sources = new StatusSources(mapping);
        ExpiringVerifications expiring = new ExpiringVerifications(dataSource, sources);
        RecentStatusChanges changes = new RecentStatusChanges(dataSource, sources);
        registry.bind("expiringVerifications", expiring);
        registry.bind("recentStatusChanges", changes);

        boolean enabled = config.flag("sisbridge.digest.enabled");
        String from = config.textOrEmpty("sisbridge.digest.from");
        String to = config.textOrEmpty("sisbridge.digest.to");
        if (enabled && (from.isEmpty() || to.isEmpty())) {
            throw new InvalidConfigurationException(List.of("sisbridge.digest.enabled=true needs sisbridge.digest.from"
                    + " and sisbridge.digest.to (the sender and the staff who receive the digest)"));
        }
        if (enabled && config.textOrEmpty("sisbridge.digest.smtp-host").isEmpty()) {
            throw new InvalidConfigurationException(List.of("sisbridge.digest.enabled=true needs sisbridge.digest.smtp-host"
                    + " (the college's SMTP relay)"));
        }
        String zone = config.textOrEmpty("sisbridge.digest.zone");
        DigestSchedule schedule = new DigestSchedule(LocalTime.parse(config.text("sisbridge.digest.send-at")),
                zone.isEmpty() ? org.sisbridge.runtime.ProcessTimeZone.machineZone() : ZoneId.of(zone),
                Duration.ofMillis(config.integer("sisbridge.digest.retry-interval-ms")));
        DigestCollector collector = new DigestCollector(dataSource, mapping.table("idme_status_event"),
                mapping.table("idme_status_change"), staging.rejectTable(), changes, expiring,
                new StudentNames(dataSource, sources), config.integer("sisbridge.digest.max-listed"));
        // a digest that is off still has its beans (its route refers to them); no address is parsed then
        DigestMail mail = new DigestMail(enabled ? from : "sisbridge@localhost", enabled ? to : "");
        registry.bind("dailyDigest", new DailyDigest(new DigestDays(dataSource, clock), collector, mail, schedule,
                new DigestSettings(config.flag("sisbridge.digest.include-names"), config.flag("sisbridge.digest.skip-empty"),
                        config.integer("sisbridge.digest.expiring-within-days")),
                registry.lookupByNameAndType("flowActivity", FlowActivity.class), clock));
        if (enabled) {
            Properties starttls = new Properties();
            if (config.flag("sisbridge.digest.starttls")) {
                // required, not just offered: a relay that does not offer it is refused rather than sent to in clear
                starttls.setProperty("mail.smtp.starttls.enable", "true");
                starttls.setProperty("mail.smtp.starttls.required", "true");
            }
            String username = config.textOrEmpty("sisbridge.digest.username");
            starttls.setProperty("mail.smtp.auth", Boolean.toString(!username.isEmpty()));
            MailServer.configure(context, "smtp", username, secrets.read(config.textOrEmpty("sisbridge.digest.password-env"),
                    config.textOrEmpty("sisbridge.digest.password-file")), MailServer.trust(config, secrets),
                    config.integer("sisbridge.digest.smtp-timeout-ms"), starttls);
        }
    }
}
