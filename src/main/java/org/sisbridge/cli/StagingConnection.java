package org.sisbridge.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.sisbridge.config.AgentConfiguration;
import org.sisbridge.config.LoadedConfiguration;
import org.sisbridge.runtime.AgentBeans;
import org.sisbridge.runtime.AgentProperties;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.staging.StagingDataSourceFactory;
import org.sisbridge.staging.StagingSettings;
import org.sisbridge.staging.mapping.StagingMapping;

/** The configured staging database, for commands that read it without the agent (status, rejects list/show). */
final class StagingConnection implements AutoCloseable {

    final StagingSettings settings;
    final StagingMapping mapping;
    final int latestRows;
    final HikariDataSource dataSource;

    private StagingConnection(StagingSettings settings, StagingMapping mapping, int latestRows) {
        this.settings = settings;
        this.mapping = mapping;
        this.latestRows = latestRows;
        this.dataSource = StagingDataSourceFactory.create(settings.withPoolSize(2));
    }

    static StagingConnection open(AgentConfiguration configuration) {
        try (LoadedConfiguration loaded = configuration.load(System.getenv())) {
            AgentProperties config = loaded.properties();
            return new StagingConnection(AgentBeans.stagingSettings(config, SecretSource.fromSystem()),
                    StagingMapping.load(Path.of(config.text("sisbridge.staging.mapping")), config::text),
                    config.integer("sisbridge.status.latest-rows"));
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
