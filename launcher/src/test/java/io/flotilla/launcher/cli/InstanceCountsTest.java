package io.flotilla.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.launcher.cli.Arguments.UsageException;
import io.flotilla.launcher.stack.Service;

class InstanceCountsTest {

    @Test
    void aNumberAloneCountsForEveryService() {
        assertThat(InstanceCounts.parse("2")).hasSize(Service.values().length).allSatisfy((service, count) ->
                assertThat(count).as(service.module()).isEqualTo(2));
    }

    @Test
    void servicesNamedGetTheirOwnCount() {
        assertThat(InstanceCounts.parse("renderer=2, applier=3")).isEqualTo(Map.of(Service.RENDERER, 2,
                Service.APPLIER, 3));
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> InstanceCounts.parse("0")).isInstanceOf(UsageException.class)
                .hasMessage("--instances: '0' is not a number of instances (1 or more)");
        assertThatThrownBy(() -> InstanceCounts.parse("render=2")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--instances: no service 'render'; the services are observer, git-watcher,");
        assertThatThrownBy(() -> InstanceCounts.parse("applier=two")).isInstanceOf(UsageException.class)
                .hasMessage("applier: 'two' is not a number of instances (1 or more)");
        assertThatThrownBy(() -> InstanceCounts.parse("applier=2,renderer")).isInstanceOf(UsageException.class)
                .hasMessage("--instances takes a number or SERVICE=N,...; 'renderer' is neither");
    }
}
