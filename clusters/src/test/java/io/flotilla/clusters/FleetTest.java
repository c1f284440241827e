package io.flotilla.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.ClusterRegistered;
import io.flotilla.events.ClusterRemoved;
import io.flotilla.events.ClusterState;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import org.junit.jupiter.api.Test;

class FleetTest {

    private static final Instant AT = Instant.parse("2026-12-06T08:00:00Z");
    private final CredentialSeal seal = CredentialSeal.withKey(CredentialSeal.newKey());
    private final List<String> heard = new ArrayList<>();

    private Fleet fleet(CredentialSeal unsealWith) {
        Fleet fleet = new Fleet(unsealWith);
        fleet.listen(new Fleet.Listener() {
            @Override
            public void joined(RegisteredCluster cluster) {
                heard.add("joined " + cluster.name() + " " + cluster.labels());
            }

            @Override
            public void changed(RegisteredCluster before, RegisteredCluster after) {
                heard.add("changed " + after.name() + " " + after.labels());
            }

            @Override
            public void left(RegisteredCluster cluster, boolean uninstall) {
                heard.add("left " + cluster.name() + (uninstall ? " uninstall" : ""));
            }
        });
        return fleet;
    }

    private String registered(String name, Map<String, String> labels, String kubeconfig) {
        return EventCodec.encode(Envelope.first("observer",
                new ClusterRegistered(name, labels, "https://" + name, "api", AT, seal.seal(kubeconfig))));
    }

    @Test
    void clustersJoinChangeAndLeaveAsTheTopicSays() {
        Fleet fleet = fleet(seal);

        fleet.accept(registered("eu-1", Map.of("env", "prod"), "kubeconfig of eu-1"));
        fleet.accept(registered("eu-1", Map.of("env", "prod"), "kubeconfig of eu-1"));
        fleet.accept(registered("eu-1", Map.of("env", "stg"), "kubeconfig of eu-1"));
        fleet.accept(registered("us-1", Map.of(), "kubeconfig of us-1"));
        fleet.accept(EventCodec.encode(Envelope.first("observer", new ClusterRemoved("eu-1", true, AT))));

        assertThat(heard).containsExactly("joined eu-1 {env=prod}", "changed eu-1 {env=stg}", "joined us-1 {}",
                "left eu-1 uninstall");
        assertThat(fleet.refs()).containsExactly(new ClusterRef("us-1", Map.of()));
        assertThat(fleet.get("us-1").orElseThrow().kubeconfig()).isEqualTo("kubeconfig of us-1");
    }

    @Test
    void aServiceWithoutTheKeyKnowsNamesAndLabelsButNoCredentials() {
        Fleet fleet = fleet(null);

        fleet.accept(registered("eu-1", Map.of("env", "prod"), "secret"));

        assertThat(fleet.get("eu-1").orElseThrow().kubeconfig()).isNull();
        assertThat(fleet.get("eu-1").orElseThrow().toString()).doesNotContain("secret");
    }

    @Test
    void aClusterStateIsNotTheFleetsBusiness() {
        Fleet fleet = fleet(seal);

        boolean taken = fleet.accept(EventCodec.encode(Envelope.first("observer",
                new ClusterState("eu-1", true, "v1.30.0", 1, 1, 0, 0, AT))));

        assertThat(taken).isFalse();
        assertThat(fleet.members()).isEmpty();
    }

    @Test
    void aRemovalOnTheTopicWinsOverTheKubeconfigGivenAtStart() {
        Fleet fleet = fleet(seal);
        fleet.seed(List.of(new RegisteredCluster("dev", Map.of(), "http://dev", "kubeconfig", AT, "k")));

        fleet.accept(EventCodec.encode(Envelope.first("observer", new ClusterRemoved("dev", false, AT))));

        assertThat(fleet.contains("dev")).isFalse();
        assertThat(heard).containsExactly("joined dev {}", "left dev");
    }

    @Test
    void credentialsSealedWithAnotherKeyAreRefusedWithTheReason() {
        Fleet fleet = fleet(CredentialSeal.withKey(CredentialSeal.newKey()));

        assertThatThrownBy(() -> fleet.accept(registered("eu-1", Map.of(), "k")))
                .hasMessageContaining("do not unseal").hasMessageContaining(CredentialSeal.PROPERTY);
        assertThat(fleet.members()).isEmpty();
    }

    @Test
    void aConsumerOfferingWhatCannotBeTakenGoesOn() {
        Fleet fleet = fleet(CredentialSeal.withKey(CredentialSeal.newKey()));

        assertThat(fleet.offer("not an event")).isFalse();
        assertThat(fleet.offer(registered("eu-1", Map.of(), "k"))).as("a registration, refused").isTrue();
        assertThat(fleet.members()).isEmpty();
    }
}
