package io.flotilla.applier.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.flotilla.applier.reconcile.RenderedReleases;
import io.flotilla.events.Event;
import io.flotilla.events.EventCodec;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseReconciled;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * The applied topic heard by every applier instance (a group of its own, from the newest record, nothing committed):
 * a release told Ready, by whichever instance applied or reconciled it, wakes the renderings that wait for it here
 * ({@code dependsOn}). Records of releases nothing here waits for are not even read. A record that cannot be read
 * wakes nothing: logged, and the consumer goes on; the periodic look at the history catches what it missed.
 */
@ApplicationScoped
public class ReadyReleases {

    private static final Logger LOG = Logger.getLogger(ReadyReleases.class);

    private final RenderedReleases renderings;

    @Inject
    public ReadyReleases(RenderedReleases renderings) {
        this.renderings = renderings;
    }

    @Incoming("ready")
    @Blocking
    public void onApplied(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            return;
        }
        ReleaseKey release;
        try {
            release = ReleaseKey.parse(record.key());
        } catch (RuntimeException e) {
            LOG.warnf("applied topic: record at offset %d of partition %d has key '%s', not a release: %s",
                    record.offset(), record.partition(), record.key(), e.getMessage());
            return;
        }
        if (!renderings.waitedFor(release)) {
            return;
        }
        try {
            if (toldReady(EventCodec.decode(record.value()).payload())) {
                renderings.readied(release);
            }
        } catch (RuntimeException e) {
            LOG.warnf("%s: applied record at offset %d of partition %d cannot be read: %s", release, record.offset(),
                    record.partition(), e.getMessage());
        }
    }

    private static boolean toldReady(Event event) {
        return event instanceof ReleaseApplied applied && applied.outcome() == Outcome.Ready
                || event instanceof ReleaseReconciled reconciled && reconciled.outcome() == Outcome.Ready;
    }
}
