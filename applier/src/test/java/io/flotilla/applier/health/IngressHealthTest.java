package io.flotilla.applier.health;

import static io.flotilla.applier.health.LiveObject.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** An Ingress waits for the address its ingress controller serves it at. */
class IngressHealthTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("ingresses")
    void anIngressIsHealthyOnceItHasAnAddress(String situation, String live, Health expected) {
        assertThat(LiveObject.health("networking.k8s.io/v1", "Ingress", live)).isEqualTo(expected);
    }

    static Stream<Arguments> ingresses() {
        return Stream.of(
                row("no status", "{}", Health.progressing("no address from an ingress controller yet")),
                row("an empty ingress list", """
                        {"status": {"loadBalancer": {"ingress": [{}]}}}""",
                        Health.progressing("no address from an ingress controller yet")),
                row("an IP", """
                        {"status": {"loadBalancer": {"ingress": [{"ip": "127.0.0.1"}]}}}""", Health.HEALTHY),
                row("a host name", """
                        {"status": {"loadBalancer": {"ingress": [{"hostname": "web.example.com"}]}}}""",
                        Health.HEALTHY));
    }
}
