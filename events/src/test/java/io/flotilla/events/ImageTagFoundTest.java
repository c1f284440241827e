package io.flotilla.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the compacted images topic keeps of image choices. */
class ImageTagFoundTest {

    @Test
    void twoPoliciesFollowingOneRepositoryKeepARecordEachWhileAPolicysNewerChoiceReplacesItsOlder() {
        ImageTagFound stable = new ImageTagFound("ghcr.io/org/podinfo", "6.5.1", "sha256:aa", "semver:~6.5");
        ImageTagFound dev = new ImageTagFound("ghcr.io/org/podinfo", "dev-w7ujrvbf", "sha256:bb", "glob:dev-*");
        ImageTagFound newerStable = new ImageTagFound("ghcr.io/org/podinfo", "6.5.2", "sha256:cc", "semver:~6.5");

        assertThat(stable.key()).isNotEqualTo(dev.key());
        assertThat(newerStable.key()).isEqualTo(stable.key());
    }
}
