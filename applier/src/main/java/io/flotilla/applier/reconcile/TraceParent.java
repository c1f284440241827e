package io.flotilla.applier.reconcile;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;

/** The current trace context as a W3C {@code traceparent}, kept with an event that leaves later, from another thread. */
final class TraceParent {

    private TraceParent() {
    }

    /** The {@code traceparent} of the current context, or null outside any trace. */
    static String current() {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get("traceparent");
    }
}
