package io.flotilla.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.ClusterRegistered;
import io.flotilla.events.ClusterRemoved;
import io.flotilla.events.ClusterState;
import io.flotilla.events.Envelope;
import io.flotilla.events.EventCodec;
import io.flotilla.events.sealing.KeyRing;
import org.junit.jupiter.api.Test;

class FleetTest {

    private static final Instant AT = Instant.parse("2026-12-06T08:00:00Z");
    private final CredentialSeal seal = sealWith(KeyRing.newEntry("k1"));
    private final List<String> heard = new ArrayList<>();

    private static CredentialSeal sealWith(String ring) {
        return CredentialSeal.with(KeyRing.parse(ring, "the test's ring"), Optional.empty());
    }

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
                new ClusterRegistered(name, labels, "https://" + name, "api", AT, seal.seal(name, kubeconfig))));
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
    void credentialsSealedWithAKeyNotInTheRingAreRefusedWithTheReason() {
        Fleet fleet = fleet(sealWith(KeyRing.newEntry("k2")));

        assertThatThrownBy(() -> fleet.accept(registered("eu-1", Map.of(), "k")))
                .hasMessageContaining("cluster eu-1: its credentials do not open: sealed with the key k1")
                .hasMessageContaining("Register the cluster again");
        assertThat(fleet.members()).isEmpty();
    }

    @Test
    void aConsumerOfferingWhatCannotBeTakenGoesOnWithTheOtherClusters() {
        String newKey = KeyRing.newEntry("k2");
        String sealedWithOldKey = registered("eu-1", Map.of(), "kubeconfig of eu-1");
        String sealedWithNewKey = EventCodec.encode(Envelope.first("observer", new ClusterRegistered("us-1", Map.of(),
                "https://us-1", "api", AT, sealWith(newKey).seal("us-1", "kubeconfig of us-1"))));
        Fleet fleet = fleet(sealWith(newKey));

        assertThat(fleet.offer("not an event")).isFalse();
        assertThat(fleet.offer(sealedWithOldKey)).as("a registration, refused").isTrue();
        assertThat(fleet.offer(sealedWithNewKey)).isTrue();
        assertThat(fleet.members()).extracting(RegisteredCluster::name).containsExactly("us-1");
        assertThat(fleet.get("us-1").orElseThrow().kubeconfig()).isEqualTo("kubeconfig of us-1");
    }
}
