package org.sisbridge.staging;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** A HikariCP pool for the staging database, sized and timed from configuration. */
public final class StagingDataSourceFactory {

    private StagingDataSourceFactory() {
    }

    public static HikariDataSource create(StagingSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sisbridge-staging");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(settings.connectionTimeoutMs());
        // every write path manages its own transaction
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }
}
