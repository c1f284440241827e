package io.flotilla.observer.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    @Test
    void everyRequirementMustHold() {
        LabelSelector selector = LabelSelector.parse("env=prod, region==eu");

        assertThat(selector.matches(Map.of("env", "prod", "region", "eu", "tier", "web"))).isTrue();
        assertThat(selector.matches(Map.of("env", "prod", "region", "us"))).isFalse();
        assertThat(selector.matches(Map.of("env", "prod"))).isFalse();
    }

    @Test
    void notEqualMatchesAnotherValueAndAnAbsentLabel() {
        LabelSelector selector = LabelSelector.parse("env!=prod");

        assertThat(selector.matches(Map.of("env", "dev"))).isTrue();
        assertThat(selector.matches(Map.of())).isTrue();
        assertThat(selector.matches(Map.of("env", "prod"))).isFalse();
    }

    @Test
    void emptySelectsEveryCluster() {
        assertThat(LabelSelector.parse(" ").matches(Map.of("env", "dev"))).isTrue();
        assertThat(LabelSelector.parse(null)).isSameAs(LabelSelector.EVERY_CLUSTER);
    }

    @Test
    void aRequirementThatIsNoLabelIsRefusedWithTheReason() {
        assertThatThrownBy(() -> LabelSelector.parse("env")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("selector 'env': 'env' is not key=value, key==value or key!=value");
        assertThatThrownBy(() -> LabelSelector.parse("env=pr od")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("selector 'env=pr od': label env=pr od is not valid");
    }
}
