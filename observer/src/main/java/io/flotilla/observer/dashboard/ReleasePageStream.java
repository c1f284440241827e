package io.flotilla.observer.dashboard;

import jakarta.enterprise.context.ApplicationScoped;

import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.observer.objecttree.ReleaseObjects;
import io.flotilla.observer.objecttree.TreeFollowers;
import io.flotilla.observer.timeline.EventStream;
import io.flotilla.observer.timeline.EventView;
import io.smallrye.mutiny.Multi;

/**
 * What an open page of one release follows, in place of every event of the fleet: the events about the release (a
 * revision applied, a reconcile, drift, a hold), and its tree on the cluster changed. A revision applied moves the
 * tree to its objects.
 */
@ApplicationScoped
public class ReleasePageStream {

    private final ReleaseDetailReader reader;
    private final TreeFollowers trees;
    private final EventStream events;

    public ReleasePageStream(ReleaseDetailReader reader, TreeFollowers trees, EventStream events) {
        this.reader = reader;
        this.trees = trees;
        this.events = events;
    }

    /**
     * What changed, by name: the type of an event about the release, or {@code TreeChanged}.
     *
     * @param since how many changes the release's cluster had seen when the page drew its tree
     */
    public Multi<String> follow(ReleaseKey release, long since) {
        String key = release.toString();
        Multi<String> own = events.events().select().where(event -> key.equals(event.key()))
                .invoke(event -> revised(release, event)).map(EventView::type);
        return reader.roots(release).onItem().transformToMulti(roots -> Multi.createBy().merging()
                .streams(own, trees.follow(release, roots, since).map(changed -> "TreeChanged")));
    }

    private void revised(ReleaseKey release, EventView event) {
        if ("ReleaseApplied".equals(event.type())) {
            ReleaseDetail.payload(event.payload(), ReleaseApplied.class)
                    .ifPresent(revision -> trees.revised(release, ReleaseObjects.of(revision)));
        }
    }
}
