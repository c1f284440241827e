package io.flotilla.messaging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * A trace context as the W3C {@code traceparent} header writes it: text a service can keep (in memory, in
 * PostgreSQL) with work that leaves later or from another thread, so that what it sends then continues the trace
 * of what caused it: the observer's drift found after a restart, the applier's events sent from its outbox.
 */
public final class Traceparent {

    private static final String HEADER = "traceparent";
    private static final TextMapGetter<String> ITSELF = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceparent) {
            return List.of(HEADER);
        }

        @Override
        public String get(String traceparent, String key) {
            return HEADER.equals(key) ? traceparent : null;
        }
    };

    private Traceparent() {
    }

    /** The current trace context, or null when there is none. */
    public static String current() {
        Map<String, String> headers = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), headers, Map::put);
        return headers.get(HEADER);
    }

    /** The trace context this header names; the root context when null. */
    public static Context context(String traceparent) {
        return traceparent == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, ITSELF);
    }
}
