package org.sisbridge.staging;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

/** A HikariCP pool for the staging database, sized and timed from configuration. */
public final class StagingDataSourceFactory {

    private StagingDataSourceFactory() {
    }

    /** @throws StagingDatabaseUnreachableException when the pool cannot open its first connection */
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
        // a connection whose socket failed is dropped, so the next poll gets a working one
        config.setExceptionOverride(new BrokenConnectionEviction());
        DriverReadTimeout.property(settings.database(), settings.jdbcUrl(), settings.readTimeoutMs())
                .ifPresent(p -> config.addDataSourceProperty(p.getKey(), p.getValue()));
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new StagingDatabaseUnreachableException(settings, e.getCause());
        }
    }
}
