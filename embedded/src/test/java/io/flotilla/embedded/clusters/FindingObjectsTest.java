package io.flotilla.embedded.clusters;

import static io.flotilla.embedded.clusters.ClusterFixture.configMap;
import static io.flotilla.embedded.clusters.ClusterFixture.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/** Gets and lists find what is stored now, of the kind, namespace and labels asked for, as Helm and fabric8 ask. */
class FindingObjectsTest extends OnASimulatedCluster {

    @Test
    void aNamespaceListHoldsTheObjectsOfThatKindInThatNamespaceOnly() {
        namespaces("north", "south");
        apply(configMapIn("north", "shared", Map.of()));
        apply(configMapIn("south", "shared", Map.of()));
        apply(new SecretBuilder().withNewMetadata().withName("shared").withNamespace("north").endMetadata().build());

        assertThat(client.configMaps().inNamespace("north").list().getItems()).extracting(FindingObjectsTest::id)
                .containsExactly("north/shared");
        assertThat(client.secrets().inNamespace("north").list().getItems()).extracting(FindingObjectsTest::id)
                .containsExactly("north/shared");
        assertThat(client.configMaps().inAnyNamespace().list().getItems()).extracting(FindingObjectsTest::id)
                .contains("north/shared", "south/shared").doesNotHaveDuplicates();
    }

    @Test
    void aLabelSelectorListFindsTheObjectsWithThoseLabelsAsHelmListsItsReleases() {
        namespaces("east", "west");
        apply(releaseSecret("east", "sh.helm.release.v1.app.v1", "app", "superseded"));
        apply(releaseSecret("east", "sh.helm.release.v1.app.v2", "app", "deployed"));
        apply(releaseSecret("east", "sh.helm.release.v1.other.v1", "other", "deployed"));
        apply(releaseSecret("west", "sh.helm.release.v1.app.v1", "app", "deployed"));
        apply(new SecretBuilder().withNewMetadata().withName("unlabelled").withNamespace("east").endMetadata().build());

        assertThat(client.secrets().inNamespace("east").withLabels(Map.of("owner", "helm", "name", "app")).list()
                .getItems()).extracting(FindingObjectsTest::id)
                .containsExactlyInAnyOrder("east/sh.helm.release.v1.app.v1", "east/sh.helm.release.v1.app.v2");
        assertThat(client.secrets().inNamespace("east").withLabel("owner", "helm").withoutLabel("status", "superseded")
                .list().getItems()).extracting(FindingObjectsTest::id)
                .containsExactlyInAnyOrder("east/sh.helm.release.v1.app.v2", "east/sh.helm.release.v1.other.v1");
        assertThat(client.secrets().inAnyNamespace().withLabels(Map.of("owner", "helm", "name", "app")).list()
                .getItems()).extracting(FindingObjectsTest::id).containsExactlyInAnyOrder(
                        "east/sh.helm.release.v1.app.v1", "east/sh.helm.release.v1.app.v2",
                        "west/sh.helm.release.v1.app.v1");
    }

    @Test
    void aListHoldsEachObjectOnceAsItIsNowAfterChangesAndDeletions() {
        namespaces("changing");
        apply(configMapIn("changing", "kept", Map.of("v", "1")));
        apply(configMapIn("changing", "changed", Map.of("v", "1")));
        apply(configMapIn("changing", "deleted", Map.of()));
        apply(configMapIn("changing", "changed", Map.of("v", "2")));
        client.configMaps().inNamespace("changing").withName("deleted").delete();

        assertThat(client.configMaps().inNamespace("changing").list().getItems())
                .extracting(cm -> cm.getMetadata().getName() + "=" + cm.getData().get("v"))
                .containsExactlyInAnyOrder("kept=1", "changed=2");
        assertThat(client.configMaps().inNamespace("changing").withName("deleted").get()).isNull();
    }

    @Test
    void aDeletedObjectCanBeCreatedAgainAsANewObject() {
        namespaces("again");
        ConfigMap first = apply(configMapIn("again", "reborn", Map.of()));
        client.configMaps().inNamespace("again").withName("reborn").delete();

        ConfigMap second = apply(configMapIn("again", "reborn", Map.of()));

        assertThat(second.getMetadata().getUid()).isNotEqualTo(first.getMetadata().getUid());
        assertThat(client.configMaps().inNamespace("again").withName("reborn").get().getMetadata().getUid())
                .isEqualTo(second.getMetadata().getUid());
    }

    @Test
    void deletingEveryObjectOfAKindInANamespaceLeavesOtherNamespacesAndKinds() {
        namespaces("swept", "spared");
        apply(new SecretBuilder().withNewMetadata().withName("other-kind").withNamespace("swept").endMetadata()
                .build());
        apply(configMapIn("swept", "swept-1", Map.of()));
        apply(configMapIn("swept", "swept-2", Map.of()));
        apply(configMapIn("spared", "spared", Map.of()));

        client.configMaps().inNamespace("swept").delete();

        assertThat(client.configMaps().inNamespace("swept").list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace("swept").withName("swept-1").get()).isNull();
        assertThat(client.configMaps().inNamespace("spared").withName("spared").get()).isNotNull();
        assertThat(client.secrets().inNamespace("swept").withName("other-kind").get()).isNotNull();
        assertThat(apply(configMapIn("swept", "swept-1", Map.of())).getMetadata().getName()).isEqualTo("swept-1");
    }

    private static void namespaces(String... names) {
        for (String name : names) {
            apply(namespace(name));
        }
    }

    private static <T extends HasMetadata> T apply(T object) {
        return client.resource(object).fieldManager("flotilla").forceConflicts().serverSideApply();
    }

    private static ConfigMap configMapIn(String namespace, String name, Map<String, String> data) {
        return new ConfigMapBuilder(configMap(name, data)).editMetadata().withNamespace(namespace).endMetadata()
                .build();
    }

    private static Secret releaseSecret(String namespace, String name, String release, String status) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels("owner", "helm").addToLabels("name", release).addToLabels("status", status).endMetadata()
                .withType("helm.sh/release.v1").build();
    }

    private static String id(HasMetadata object) {
        return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }
}
