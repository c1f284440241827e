package io.flotilla.applier.ownership;

import static io.flotilla.applier.ownership.ClaimTest.marked;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.flotilla.events.ReleaseKey;

/** A release deletes only what it created itself. */
class PruneGuardTest {

    private static final ReleaseKey WEB = new ReleaseKey("dev", "apps", "web");

    @Test
    void anObjectTheReleaseCreatedMayBeDeleted() {
        assertThat(PruneGuard.keepReason(WEB, marked("apps/web", "releases/web.yaml", false))).isEmpty();
    }

    @Test
    void anObjectTheReleaseAdoptedIsKeptSayingWhy() {
        assertThat(PruneGuard.keepReason(WEB, marked("apps/web", "releases/web.yaml", true)))
                .hasValue("kept; it was on the cluster before Flotilla applied it (flotilla.io/adopted), and Flotilla "
                        + "never deletes what it adopted");
    }

    @Test
    void anObjectAnotherReleaseOwnsIsKeptNamingThatReleaseAndItsFile() {
        assertThat(PruneGuard.keepReason(WEB, marked("shared/settings", "common/settings.yaml", false)))
                .hasValue("kept; release shared/settings (declared in common/settings.yaml) owns it");
        assertThat(PruneGuard.keepReason(WEB, marked("shared/settings", null, true)))
                .hasValue("kept; release shared/settings owns it");
    }

    @Test
    void anObjectNoReleaseMarksIsKept() {
        assertThat(PruneGuard.keepReason(WEB, new ObjectMeta()))
                .hasValue("kept; it has no annotation flotilla.io/release, so Flotilla cannot tell that it created it");
    }
}
