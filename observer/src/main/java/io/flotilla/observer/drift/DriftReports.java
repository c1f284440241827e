package io.flotilla.observer.drift;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.flotilla.events.DriftFound;
import io.flotilla.events.DriftMode;
import io.flotilla.events.Envelope;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.observer.timeline.EventStream;

/**
 * Tells what the drift watch found of a release: kept in PostgreSQL for the API, published for the applier, and
 * passed to the live event stream for the dashboard. A drift gone (a {@link DriftFound} without objects) is only
 * forgotten and streamed: the applier has nothing to do about it.
 */
@ApplicationScoped
public class DriftReports {

    static final String SOURCE = "observer";

    private final DriftRecords records;
    private final DriftTopic topic;
    private final EventStream stream;

    public DriftReports(DriftRecords records, DriftTopic topic, EventStream stream) {
        this.records = records;
        this.topic = topic;
        this.stream = stream;
    }

    /**
     * The release's drift as it is now, caused by the applied event of the revision it drifted from.
     *
     * @param mode what the release says of drift; null when it says nothing (the fleet's default applies)
     */
    void report(AppliedEvent applied, List<DriftFound.DriftedObject> drifted, DriftMode mode) {
        ReleaseApplied revision = applied.payload();
        Envelope<DriftFound> envelope = Envelope.causedBy(applied.envelope(), SOURCE,
                new DriftFound(revision.release(), revision.revision(), drifted));
        if (drifted.isEmpty()) {
            records.resolved(revision.release());
            stream.keptUntold(envelope);
            return;
        }
        records.found(envelope, mode);
        stream.kept(envelope);
        topic.publish(envelope, applied.traceparent());
    }
}
