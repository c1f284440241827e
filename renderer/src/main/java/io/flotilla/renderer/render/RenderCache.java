package io.flotilla.renderer.render;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.flotilla.events.ReleaseKey;

/**
 * The input digest each release was last rendered and emitted with. A release whose input digest did not
 * change since is neither rendered nor emitted again. Kept in memory: after a restart every release is
 * rendered once more, which the applier takes as a no-op for digests it already applied.
 */
public final class RenderCache {

    private final Map<ReleaseKey, String> lastDigests = new ConcurrentHashMap<>();

    public boolean isUnchanged(ReleaseKey release, String inputDigest) {
        return inputDigest.equals(lastDigests.get(release));
    }

    public void remember(ReleaseKey release, String inputDigest) {
        lastDigests.put(release, inputDigest);
    }

    /** The input digest {@code release} was last rendered with; null when none is remembered. */
    public String digestOf(ReleaseKey release) {
        return lastDigests.get(release);
    }

    /** Forgets every release: a renderer whose state is about to be taken from another one. */
    public void clear() {
        lastDigests.clear();
    }

    /** The next render for {@code cluster} emits every release whatever its digest: the cluster left the fleet. */
    public void forgetCluster(String cluster) {
        lastDigests.keySet().removeIf(release -> release.cluster().equals(cluster));
    }

    /** The next commit renders and emits this release whatever its digest. */
    public void forget(ReleaseKey release) {
        lastDigests.remove(release);
    }
}
