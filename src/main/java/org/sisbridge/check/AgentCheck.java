package org.sisbridge.check;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.sisbridge.check.deep.DeepCheck;
import org.sisbridge.config.AgentConfiguration;
import org.sisbridge.config.ConfigFindings;
import org.sisbridge.config.ConfigValidator;
import org.sisbridge.config.InvalidConfigurationException;
import org.sisbridge.roster.MappedTable;
import org.sisbridge.runtime.AgentBeans;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staging.JdbcUrlMasking;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.staging.mapping.MappingFile;
import org.sisbridge.staging.mapping.StagingMapping;
import org.sisbridge.upstream.UpstreamTrust;
import org.sisbridge.watch.ManagementPortInUseException;

/**
 * Everything {@code ./sisbridge check} looks at, in the order a mistake would hurt: the files,
 * the keys and values, the mapping, the secrets, the database, the upstream, the management port. Starts no route and
 * writes nothing. A step whose inputs are wrong is skipped rather than failing confusingly.
 */
public final class AgentCheck {

    private final AgentConfiguration configuration;
    private final Map<String, String> environment;
    private final boolean deep;

    public AgentCheck(AgentConfiguration configuration, Map<String, String> environment) {
        this(configuration, environment, false);
    }

    /** @param deep also run every statement of every enabled flow, rolled back ({@code check --deep}) */
    public AgentCheck(AgentConfiguration configuration, Map<String, String> environment, boolean deep) {
        this.configuration = configuration;
        this.environment = environment;
        this.deep = deep;
    }

    public CheckReport run(PrintWriter out) throws java.io.IOException {
        CheckReport report = new CheckReport(out);
        var fileProblems = configuration.fileProblems();
        if (!fileProblems.isEmpty()) {
            fileProblems.forEach(report::error);
            return report;
        }
        report.ok("configuration files readable: " + configuration.locations().replace("file:", "").replace(",", ", "));
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            PropertiesComponent properties = configuration.applyTo(context);
            ConfigFindings findings = ConfigValidator.validate(properties, configuration.referenceKeys(), environment);
            findings.errors().forEach(e -> report.error("configuration: " + e));
            findings.warnings().forEach(w -> report.warn("configuration: " + w));
            if (!findings.valid()) {
                return report;
            }
            report.ok("configuration keys known and values valid");
            AgentProperties config = new AgentProperties(properties);
            StagingMapping mapping = mapping(report, config);
            SecretSource secrets = new SecretSource(environment);
            SecretCheck.run(report, environment, "upstream client secret", "sisbridge.upstream.client-secret-env",
                    config.textOrEmpty("sisbridge.upstream.client-secret-env"), "sisbridge.upstream.client-secret-file",
                    config.textOrEmpty("sisbridge.upstream.client-secret-file"), true);
            SecretCheck.run(report, environment, "database password", "sisbridge.staging.password-env",
                    config.textOrEmpty("sisbridge.staging.password-env"), "sisbridge.staging.password-file",
                    config.textOrEmpty("sisbridge.staging.password-file"), false);
            if (JdbcUrlMasking.holdsPassword(config.textOrEmpty("sisbridge.staging.jdbc-url"))) {
                report.warn(JdbcUrlMasking.advice());
            }
            PoolSizeAdvice.of(config).ifPresent(report::warn);
            ProxyWithoutTokenAdvice.of(config, environment).ifPresent(report::warn);
            if (mapping != null) {
                database(report, config, secrets, mapping);
            }
            upstream(report, config, secrets, context);
            managementPort(report, config);
            if (deep) {
                out.println();
                out.println("Deep check: every statement of every enabled flow, in one transaction rolled back at the end");
                deepCheck(report, config, secrets, mapping);
            }
        }
        return report;
    }

    /** A warning, not an error: check is often run beside the agent it checks, which holds the port. */
    private static void managementPort(CheckReport report, AgentProperties config) {
        if (!config.flag("sisbridge.watch.enabled")) {
            report.ok("management endpoint off (sisbridge.watch.enabled=false)");
            return;
        }
        String address = config.text("sisbridge.watch.host") + ":" + config.integer("sisbridge.watch.port");
        try {
            ManagementPortInUseException.requireFree(config.text("sisbridge.watch.host"), config.integer("sisbridge.watch.port"));
            report.ok("management endpoint address " + address + " is free");
        } catch (ManagementPortInUseException e) {
            report.warn("management endpoint address " + address + " is in use: fine if that is this agent, running;"
                    + " otherwise run refuses to start until it is free or sisbridge.watch.port names another port");
        }
    }

    private static StagingMapping mapping(CheckReport report, AgentProperties config) {
        Path file;
        try {
            file = MappingFile.resolve(config.text(MappingFile.KEY), Path.of(config.text("sisbridge.home")));
        } catch (IllegalArgumentException e) {
            // the message names every place looked and the shipped mappings
            report.error("mapping file missing: " + e.getMessage());
            return null;
        }
        try {
            StagingMapping mapping = StagingMapping.load(file, config::text);
            var unusable = MappedTable.problems(mapping);
            if (!unusable.isEmpty()) {
                report.error("mapping " + file.getFileName() + ": the roster flow cannot work with these conversions:\n- "
                        + String.join("\n- ", unusable));
                return null;
            }
            report.ok("mapping " + file + " loads (layout " + mapping.layout() + ")");
            return mapping;
        } catch (RuntimeException e) {
            report.error("mapping invalid: " + e.getMessage());
            return null;
        }
    }

    private static void database(CheckReport report, AgentProperties config, SecretSource secrets, StagingMapping mapping) {
        StagingSettings staging;
        try {
            staging = AgentBeans.stagingSettings(config, secrets);
        } catch (RuntimeException e) {
            report.error("database settings: " + e.getMessage());
            return;
        }
        DatabaseCheck.run(report, staging, mapping, table -> AgentBeans.tableNeeded(config, table));
    }

    private static void deepCheck(CheckReport report, AgentProperties config, SecretSource secrets, StagingMapping mapping) {
        if (mapping == null) {
            report.skip("deep check: the mapping does not load (see above)");
            return;
        }
        StagingSettings staging;
        try {
            staging = AgentBeans.stagingSettings(config, secrets);
        } catch (RuntimeException e) {
            report.skip("deep check: the database settings are invalid (see above)");
            return;
        }
        DeepCheck.run(report, config, staging, mapping, config.list("sisbridge.mis-codes").iterator().next(),
                table -> AgentBeans.tableNeeded(config, table));
    }

    private static void upstream(CheckReport report, AgentProperties config, SecretSource secrets,
                                 org.apache.camel.CamelContext context) {
        javax.net.ssl.SSLContext trust;
        try {
            // the agent's own trust: what check says about the upstream is what the flows will see
            trust = UpstreamTrust.sslContext(AgentBeans.upstreamTrust(config, secrets), context);
        } catch (RuntimeException e) {
            report.error("upstream trust store: " + (e instanceof InvalidConfigurationException invalid
                    ? String.join("; ", invalid.errors()) : e.getMessage()));
            return;
        }
        try {
            UpstreamCheck.run(report, AgentBeans.upstreamSettings(config, secrets), trust,
                    AgentBeans.upstreamProxy(config, secrets));
        } catch (RuntimeException e) {
            // the secret's absence is already reported above; anything else is new
            if (e.getMessage() != null && e.getMessage().contains("client secret is not set")) {
                report.warn("upstream not checked: without the client secret no token can be asked for");
            } else {
                report.error("upstream settings: " + e.getMessage());
            }
        }
    }
}
