package io.flotilla.observer.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Gathers the changes of one commit for one receiver: the first opens a group, and the window after it the group goes
 * out as one notification with every change that came meanwhile.
 */
final class NotificationGroups {

    private final Duration window;
    private final ScheduledExecutorService timer;
    private final Consumer<Notification> ready;
    /** Open groups by receiver and correlation id; guarded by this. */
    private final Map<String, List<FleetChange>> open = new HashMap<>();

    NotificationGroups(Duration window, ScheduledExecutorService timer, Consumer<Notification> ready) {
        this.window = window;
        this.timer = timer;
        this.ready = ready;
    }

    void add(String receiver, FleetChange change) {
        String group = receiver + "\n" + change.correlationId();
        synchronized (this) {
            List<FleetChange> changes = open.get(group);
            if (changes != null) {
                changes.add(change);
                return;
            }
            open.put(group, new ArrayList<>(List.of(change)));
        }
        timer.schedule(() -> close(receiver, change.correlationId(), group), window.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void close(String receiver, String correlationId, String group) {
        List<FleetChange> changes;
        synchronized (this) {
            changes = open.remove(group);
        }
        ready.accept(new Notification(receiver, correlationId, changes));
    }
}
