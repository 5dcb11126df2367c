package org.sisbridge.cli;

import com.zaxxer.hikari.HikariDataSource;
import org.sisbridge.config.AgentConfiguration;
import org.sisbridge.config.LoadedConfiguration;
import org.sisbridge.runtime.AgentBeans;
import org.sisbridge.staging.SecretSource;
import org.sisbridge.staging.StagingDataSourceFactory;
import org.sisbridge.staging.StagingSettings;

/** The configured staging database, for commands that read it without the agent (status, rejects list/show). */
final class StagingConnection implements AutoCloseable {

    final StagingSettings settings;
    final HikariDataSource dataSource;

    private StagingConnection(StagingSettings settings) {
        this.settings = settings;
        this.dataSource = StagingDataSourceFactory.create(settings.withPoolSize(2));
    }

    static StagingConnection open(AgentConfiguration configuration) {
        try (LoadedConfiguration loaded = configuration.load(System.getenv())) {
            return new StagingConnection(AgentBeans.stagingSettings(loaded.properties(), SecretSource.fromSystem()));
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
