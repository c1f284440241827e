package io.flotilla.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class PreviewKeyTest {

    @Test
    void aPullRequestIsNamedByItsNumberAndABranchByItsName() {
        assertThat(PreviewKey.ofPullRequest("git@host:org/fleet", "feature/a@b", 12).id())
                .isEqualTo("git@host:org/fleet#12");
        assertThat(PreviewKey.ofBranch("git@host:org/fleet", "try-podinfo").id())
                .isEqualTo("git@host:org/fleet@try-podinfo");
    }

    @Test
    void everyPushToOnePullRequestIsKeyedAlikeWhateverItsBranch() {
        PreviewRequested first = new PreviewRequested(PreviewKey.ofPullRequest("fleet", "a", 3), "s1", "main", "t",
                "Ada", Instant.EPOCH, false);
        PreviewRequested renamed = new PreviewRequested(PreviewKey.ofPullRequest("fleet", "b", 3), "s2", "main", "t",
                "Ada", Instant.EPOCH, false);

        assertThat(renamed.key()).isEqualTo(first.key());
    }

    @Test
    void aPullRequestNumberMustBePositive() {
        assertThatThrownBy(() -> PreviewKey.ofPullRequest("fleet", "a", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pull request number 0 must be positive");
    }
}
