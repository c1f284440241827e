package io.flotilla.gitwatcher.lease;

import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.flotilla.gitwatcher.source.GitConfig;
import io.flotilla.messaging.InstanceId;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;

/**
 * The Quarkus edge of the leases: the store on the service's reactive pool and schema, the channel on a connection
 * of its own to the same database (a listening connection cannot go back to a pool).
 */
@Singleton
public class LeaseBeans {

    private static final Logger LOG = Logger.getLogger(LeaseBeans.class);

    @Produces
    @Singleton
    SourceLeases leases(GitConfig config, Pool pool,
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        String instance = InstanceId.of(config.instanceId(), "git-watcher");
        LOG.infof("instance %s: leases of %s, renewed every %s", instance, config.lease().duration(),
                config.lease().renewInterval());
        return new SourceLeases(new LeaseStore(pool, schema), instance, config.lease().duration(),
                config.lease().renewInterval());
    }

    @Produces
    @Singleton
    SourceChannel channel(Vertx vertx, Pool pool,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        return new SourceChannel(vertx, connectOptions(url, username, password), pool, schema);
    }

    /** The database of {@code quarkus.datasource.*}, as a connection of its own reaches it. */
    public static PgConnectOptions connectOptions(String url, String username, Optional<String> password) {
        // Quarkus also takes the URL with the prefix of its Vert.x driver.
        String uri = url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url;
        PgConnectOptions options = PgConnectOptions.fromUri(uri).setUser(username);
        password.ifPresent(options::setPassword);
        return options;
    }
}
