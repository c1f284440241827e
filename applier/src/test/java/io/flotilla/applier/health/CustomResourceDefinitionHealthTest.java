package io.flotilla.applier.health;

import static io.flotilla.applier.health.LiveObject.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A CustomResourceDefinition by its Established and NamesAccepted conditions. */
class CustomResourceDefinitionHealthTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void aDefinitionIsHealthyOnceEstablishedAndDegradedWhenItsNamesAreTaken(String situation, String live,
            Health expected) {
        assertThat(LiveObject.health("apiextensions.k8s.io/v1", "CustomResourceDefinition", live)).isEqualTo(expected);
    }

    static Stream<Arguments> definitions() {
        return Stream.of(
                row("established", """
                        {"status": {"conditions": [{"type": "NamesAccepted", "status": "True"},
                          {"type": "Established", "status": "True"}]}}""", Health.HEALTHY),
                row("names accepted, not established yet", """
                        {"status": {"conditions": [{"type": "NamesAccepted", "status": "True"},
                          {"type": "Established", "status": "False", "reason": "Installing"}]}}""",
                        Health.progressing("not Established yet: the API server does not serve its kind")),
                row("no status yet", "{}",
                        Health.progressing("not Established yet: the API server does not serve its kind")),
                row("its names are taken", """
                        {"status": {"conditions": [{"type": "NamesAccepted", "status": "False",
                          "reason": "ListKindConflict", "message": "\\"WidgetList\\" is already in use"},
                          {"type": "Established", "status": "False", "reason": "NotAccepted"}]}}""",
                        Health.degraded("NamesAccepted=False ListKindConflict: \"WidgetList\" is already in use")));
    }
}
