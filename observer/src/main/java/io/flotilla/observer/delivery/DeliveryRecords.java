package io.flotilla.observer.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The latest outcome of the most recent requests, one per destination and key, newest first. */
final class DeliveryRecords {

    private static final int KEPT = 500;

    private final Map<String, DeliveryView> latest = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DeliveryView> eldest) {
            return size() > KEPT;
        }
    };

    synchronized void record(OutboundRequest request, DeliveryState state, int attempts, String error) {
        latest.put(request.destination() + "\n" + request.key(), new DeliveryView(request.destination(), request.key(),
                request.description(), state, attempts, error, Instant.now()));
    }

    synchronized List<DeliveryView> recent() {
        List<DeliveryView> views = new ArrayList<>(latest.values());
        views.sort(Comparator.comparing(DeliveryView::updatedAt).reversed());
        return views;
    }
}
