package org.bzpeer.kit.verify;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Verification mode ({@link RebuildVerification}): on when {@code liveDatabase} is set.
 *
 * @param liveDatabase    the database of the running service, to compare the rebuild with (same server and role)
 * @param rebuildDatabase the fresh database this instance rebuilds into (its own {@code bzpeer.db.name})
 * @param host            the PostgreSQL server of both
 * @param port            its port
 * @param user            the role that may read both
 * @param password        its password
 * @param sourceTables    tables the service owns and cannot rebuild from topics, left out of the comparison
 * @param timeout         longest wait for the rebuild to catch up
 */
@ConfigurationProperties("bzpeer.verify")
public record VerificationSettings(String liveDatabase, String rebuildDatabase, String host, int port, String user,
        String password, @DefaultValue("") Set<String> sourceTables, @DefaultValue("15m") Duration timeout) {

    String liveJdbcUrl() {
        return jdbcUrl(liveDatabase);
    }

    String rebuildJdbcUrl() {
        return jdbcUrl(rebuildDatabase);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
