package io.flotilla.gitwatcher.lease;

import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.flotilla.gitwatcher.source.GitConfig;
import io.flotilla.leases.DatabaseChannel;
import io.flotilla.leases.InstanceId;
import io.flotilla.leases.LeaseStore;
import io.flotilla.leases.Leases;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * The Quarkus edge of the leases: the store on the service's reactive pool and schema, the channel on a connection
 * of its own to the same database (a listening connection cannot go back to a pool).
 */
@Singleton
public class LeaseBeans {

    private static final Logger LOG = Logger.getLogger(LeaseBeans.class);

    /** Where git-watcher's lease settings are, which an error names. */
    public static final String SETTINGS = "flotilla.git.lease";

    @Produces
    @Singleton
    Leases leases(GitConfig config, Pool pool,
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        String instance = InstanceId.of(config.instanceId(), "git-watcher");
        LOG.infof("instance %s: leases of %s, renewed every %s", instance, config.lease().duration(),
                config.lease().renewInterval());
        return new Leases(store(pool, schema), instance, config.lease().duration(), config.lease().renewInterval(),
                SETTINGS);
    }

    @Produces
    @Singleton
    SourceChannel channel(Vertx vertx, Pool pool,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        return sourceChannel(vertx, pool, url, username, password, schema);
    }

    /** The leases of sources in {@code schema}: tables {@code source_lease} and {@code watcher_instance}. */
    public static LeaseStore store(Pool pool, String schema) {
        return new LeaseStore(pool, schema, "source_lease", "source_id", "watcher_instance");
    }

    /** The channel of the instances whose tables are in {@code schema}. */
    public static SourceChannel sourceChannel(Vertx vertx, Pool pool, String url, String username,
            Optional<String> password, String schema) {
        return new SourceChannel(new DatabaseChannel(vertx, DatabaseChannel.connectOptions(url, username, password), pool,
                schema + "_sources"));
    }
}
