package io.flotilla.applier.health;

import static io.flotilla.applier.health.LiveObject.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A Service waits for its load balancer's address only when it is of type LoadBalancer. */
class ServiceHealthTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void aLoadBalancerServiceWaitsForItsIngressAddress(String situation, String live, Health expected) {
        assertThat(LiveObject.health("v1", "Service", live)).isEqualTo(expected);
    }

    static Stream<Arguments> services() {
        return Stream.of(
                row("ClusterIP", """
                        {"spec": {"type": "ClusterIP"}, "status": {"loadBalancer": {}}}""", Health.HEALTHY),
                row("of no type said, so ClusterIP", "{\"spec\": {}}", Health.HEALTHY),
                row("NodePort", "{\"spec\": {\"type\": \"NodePort\"}}", Health.HEALTHY),
                row("LoadBalancer without an address", """
                        {"spec": {"type": "LoadBalancer"}, "status": {"loadBalancer": {}}}""",
                        Health.progressing("type LoadBalancer, no ingress address from its load balancer yet")),
                row("LoadBalancer with an IP", """
                        {"spec": {"type": "LoadBalancer"},
                         "status": {"loadBalancer": {"ingress": [{"ip": "127.0.0.7"}]}}}""", Health.HEALTHY),
                row("LoadBalancer with a host name", """
                        {"spec": {"type": "LoadBalancer"},
                         "status": {"loadBalancer": {"ingress": [{"hostname": "lb.example.com"}]}}}""",
                        Health.HEALTHY));
    }
}
