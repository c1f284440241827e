package io.flotilla.observer.cluster;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.flotilla.leases.DatabaseChannel;
import io.flotilla.leases.InstanceId;
import io.flotilla.leases.LeaseStore;
import io.flotilla.leases.Leases;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * What makes this observer one instance among several: its name and leases of the clusters it watches (tables
 * {@code cluster_lease} and {@code observer_instance}), and the channels through which the instances tell each other
 * that leases were given back ({@code clusters}), that a followed release changed ({@code followed}) and what each one
 * streams ({@code events}), each on a connection of its own to the database.
 */
@Singleton
public class InstanceBeans {

    private static final Logger LOG = Logger.getLogger(InstanceBeans.class);

    /** Where the lease settings are, which an error names. */
    public static final String SETTINGS = "flotilla.observer.lease";

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String username;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;
    @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema")
    String schema;

    @Produces
    @Singleton
    Leases leases(Pool pool, @ConfigProperty(name = "flotilla.observer.instance-id") Optional<String> configured,
            @ConfigProperty(name = SETTINGS + ".duration") Duration duration,
            @ConfigProperty(name = SETTINGS + ".renew-interval") Duration renewInterval) {
        String instance = InstanceId.of(configured, "observer");
        LOG.infof("instance %s: leases of clusters of %s, renewed every %s", instance, duration, renewInterval);
        return new Leases(store(pool, schema), instance, duration, renewInterval, SETTINGS);
    }

    @Produces
    @Singleton
    @Named("clusters")
    DatabaseChannel clusters(Vertx vertx, Pool pool) {
        return channel(vertx, pool, "clusters");
    }

    @Produces
    @Singleton
    @Named("followed")
    DatabaseChannel followed(Vertx vertx, Pool pool) {
        return channel(vertx, pool, "followed");
    }

    @Produces
    @Singleton
    @Named("events")
    DatabaseChannel events(Vertx vertx, Pool pool) {
        return channel(vertx, pool, "events");
    }

    /** The leases of clusters in {@code schema}. */
    public static LeaseStore store(Pool pool, String schema) {
        return new LeaseStore(pool, schema, "cluster_lease", "cluster", "observer_instance");
    }

    /** The channel of this observer's instances carrying {@code what}: named by the schema, never another service's. */
    public DatabaseChannel channel(Vertx vertx, Pool pool, String what) {
        return new DatabaseChannel(vertx, DatabaseChannel.connectOptions(url, username, password), pool,
                schema + "_" + what);
    }
}
