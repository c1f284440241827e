package io.flotilla.applier.health;

import static io.flotilla.applier.health.LiveObject.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** An APIService by its Available condition. */
class APIServiceHealthTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiServices")
    void anAPIServiceIsHealthyOnceAvailable(String situation, String live, Health expected) {
        assertThat(LiveObject.health("apiregistration.k8s.io/v1", "APIService", live)).isEqualTo(expected);
    }

    static Stream<Arguments> apiServices() {
        return Stream.of(
                row("available", """
                        {"status": {"conditions": [{"type": "Available", "status": "True", "reason": "Passed"}]}}""",
                        Health.HEALTHY),
                row("its service has no endpoints yet", """
                        {"status": {"conditions": [{"type": "Available", "status": "False",
                          "reason": "MissingEndpoints", "message": "endpoints for service/metrics-server not found"}]}}""",
                        Health.progressing("Available=False MissingEndpoints: endpoints for service/metrics-server "
                                + "not found")),
                row("not looked at yet", "{}", Health.progressing("no Available condition yet")));
    }
}
