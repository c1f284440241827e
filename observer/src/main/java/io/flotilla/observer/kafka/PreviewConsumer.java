package io.flotilla.observer.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.flotilla.events.Envelope;
import io.flotilla.events.Event;
import io.flotilla.events.EventCodec;
import io.flotilla.events.EventFormatException;
import io.flotilla.events.PreviewChecked;
import io.flotilla.events.PreviewPlanned;
import io.flotilla.events.PreviewRequested;
import io.flotilla.observer.intake.PreviewIntake;
import io.flotilla.observer.previewreport.PreviewReporter;
import io.smallrye.common.annotation.Blocking;

/**
 * Reads the previews asked for and their results, each topic on its own channel, apart from the other topics the
 * observer follows: a slow preview holds up no release's events. A record that is not a preview event fails here and
 * goes to the dead-letter topic (channel configuration); the channel goes on with the next record.
 */
@ApplicationScoped
public class PreviewConsumer {

    private final PreviewIntake intake;
    private final PreviewReporter reporter;

    public PreviewConsumer(PreviewIntake intake, PreviewReporter reporter) {
        this.intake = intake;
        this.reporter = reporter;
    }

    /** A push to a pull request or branch to preview, or its closing. */
    @Incoming("previews")
    @Blocking
    public void requested(String record) {
        intake.take(decode(record)).ifPresent(reporter::changed);
    }

    /** The renderer's plan of a preview's commit, or the applier's check of one of its releases. */
    @Incoming("preview-results")
    @Blocking
    public void result(String record) {
        intake.take(decode(record)).ifPresent(reporter::changed);
    }

    private static Envelope<Event> decode(String record) {
        Envelope<Event> envelope = EventCodec.decode(record);
        if (envelope.payload() instanceof PreviewRequested request) {
            if (request.preview() == null || request.sha() == null && !request.closed()) {
                throw new EventFormatException("PreviewRequested event " + envelope.id()
                        + " names no preview or no commit");
            }
        } else if (envelope.payload() instanceof PreviewPlanned plan) {
            if (plan.preview() == null || plan.sha() == null || plan.releases().stream()
                    .anyMatch(release -> release.release() == null || release.change() == null)) {
                throw new EventFormatException("PreviewPlanned event " + envelope.id()
                        + " names no preview, no commit, or a release without its key or change");
            }
        } else if (envelope.payload() instanceof PreviewChecked check) {
            if (check.preview() == null || check.sha() == null || check.release() == null) {
                throw new EventFormatException("PreviewChecked event " + envelope.id()
                        + " names no preview, no commit or no release");
            }
        } else {
            throw new EventFormatException(envelope.type() + " event " + envelope.id() + " is not a preview event");
        }
        return envelope;
    }
}
