package org.bzpeer.kit;

import org.bzpeer.testkit.TestInfrastructure;
import org.bzpeer.testkit.TestInfrastructure.DatabaseCoordinates;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;

/** A database of the shared test PostgreSQL for the kit's own tests: a client and transactions on it. */
public record KitDatabase(DatabaseCoordinates coordinates, DatabaseClient client, TransactionalOperator transactions) {

    /** The database {@code name}, created on first use. */
    public static KitDatabase named(String name) {
        DatabaseCoordinates db = TestInfrastructure.database(name);
        ConnectionFactory connections = new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                .host(db.host()).port(db.port()).database(db.name()).username(db.user()).password(db.password())
                .build());
        return new KitDatabase(db, DatabaseClient.create(connections),
                TransactionalOperator.create(new R2dbcTransactionManager(connections)));
    }
}
