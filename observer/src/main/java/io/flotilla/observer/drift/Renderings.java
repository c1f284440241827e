package io.flotilla.observer.drift;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;

/**
 * Which rendering each applied revision applied. The rendered and applied topics are read apart, so an applied
 * event may come before its rendering: unless the rendering is kept already (read by another instance, or before a
 * restart), it waits here until a rendering with its input digest comes. Not safe for use from several threads: the
 * drift watch calls it from its own.
 */
final class Renderings {

    /**
     * Applied events kept until their rendered event comes: one that never comes (its rendering read before a
     * restart, or an applier reporting a digest the renderer never sent) must not stay in memory for good.
     */
    static final int WAITING_KEPT = 10_000;

    private final Function<ReleaseKey, Optional<Rendering>> kept;
    private final Map<ReleaseKey, Rendering> latest = new HashMap<>();
    private final Map<ReleaseKey, AppliedEvent> waiting = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ReleaseKey, AppliedEvent> eldest) {
            return size() > WAITING_KEPT;
        }
    };

    /**
     * @param kept the latest rendering of a release as every instance keeps it when it reads it; empty when none is
     */
    Renderings(Function<ReleaseKey, Optional<Rendering>> kept) {
        this.kept = kept;
    }

    /**
     * Keeps the release's latest rendering.
     *
     * @return the applied event that waited for this rendering, now to be followed
     */
    Optional<AppliedEvent> rendered(ReleaseRendered release) {
        if (release.objects() == null) {
            return Optional.empty();
        }
        Rendering rendering = Rendering.of(release);
        latest.put(release.release(), rendering);
        AppliedEvent early = waiting.get(release.release());
        if (early == null || !rendering.renderedFor(early.payload())) {
            return Optional.empty();
        }
        waiting.remove(release.release());
        return Optional.of(early);
    }

    /**
     * The rendering {@code applied} applied, read here or kept; empty while it has not come, and the applied event
     * waits for it.
     */
    Optional<Rendering> renderingOf(AppliedEvent applied) {
        ReleaseKey key = applied.payload().release();
        Rendering rendering = latest.get(key);
        if (rendering != null && rendering.renderedFor(applied.payload())) {
            return Optional.of(rendering);
        }
        Optional<Rendering> readElsewhere = kept.apply(key).filter(other -> other.renderedFor(applied.payload()));
        if (readElsewhere.isEmpty()) {
            waiting.put(key, applied);
        }
        return readElsewhere;
    }

    /** The release was uninstalled: what it applied before waits for nothing. */
    void uninstalled(ReleaseKey release) {
        waiting.remove(release);
    }

    /** The release is no longer rendered (its file is gone). */
    void removed(ReleaseKey release) {
        latest.remove(release);
        waiting.remove(release);
    }
}
