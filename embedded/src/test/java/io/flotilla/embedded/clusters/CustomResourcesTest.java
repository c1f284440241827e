package io.flotilla.embedded.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;

/** CustomResourceDefinitions make their kinds usable, as on a real cluster; discovery lists what exists. */
class CustomResourcesTest extends OnASimulatedCluster {

    @Test
    void anAppliedDefinitionMakesItsCustomResourcesUsable() {
        client.resource(definition("widgets", "Widget", "Namespaced")).fieldManager("flotilla").forceConflicts()
                .serverSideApply();

        GenericKubernetesResource applied = client.resource(widget("blue", "large")).fieldManager("flotilla")
                .forceConflicts().serverSideApply();
        client.resource(widget("blue", "small")).fieldManager("flotilla").forceConflicts().serverSideApply();

        GenericKubernetesResource stored = client.genericKubernetesResources("example.flotilla.io/v1", "Widget")
                .inNamespace("default").withName("blue").get();
        assertThat(applied.getMetadata().getUid()).isEqualTo(stored.getMetadata().getUid());
        assertThat(stored.<String>get("spec", "size")).isEqualTo("small");
        assertThat(stored.getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(client.genericKubernetesResources("example.flotilla.io/v1", "Widget").inNamespace("default")
                .list().getItems()).hasSize(1);
    }

    @Test
    void anAcceptedDefinitionIsEstablishedWithItsNamesAndStorageVersion() {
        client.resource(definition("gizmos", "Gizmo", "Namespaced")).fieldManager("flotilla").forceConflicts()
                .serverSideApply();

        CustomResourceDefinition stored = client.apiextensions().v1().customResourceDefinitions()
                .withName("gizmos.example.flotilla.io").get();
        assertThat(stored.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                .containsExactly("NamesAccepted=True", "Established=True");
        assertThat(stored.getStatus().getAcceptedNames().getKind()).isEqualTo("Gizmo");
        assertThat(stored.getStatus().getStoredVersions()).containsExactly("v1");
    }

    @Test
    void discoveryListsBuiltInKindsAndThoseOfAppliedDefinitions() {
        client.resource(definition("gadgets", "Gadget", "Cluster")).fieldManager("flotilla").forceConflicts()
                .serverSideApply();

        assertThat(client.getApiResources("apps/v1").getResources())
                .filteredOn(r -> r.getName().equals("deployments"))
                .singleElement().satisfies(r -> {
                    assertThat(r.getKind()).isEqualTo("Deployment");
                    assertThat(r.getNamespaced()).isTrue();
                });
        assertThat(client.getApiResources("v1").getResources()).extracting(APIResource::getName)
                .contains("namespaces", "configmaps", "secrets", "services");
        assertThat(client.getApiResources("example.flotilla.io/v1").getResources())
                .filteredOn(r -> r.getName().equals("gadgets"))
                .singleElement().satisfies(r -> {
                    assertThat(r.getKind()).isEqualTo("Gadget");
                    assertThat(r.getNamespaced()).isFalse();
                });
        assertThat(client.getApiGroups().getGroups()).extracting(g -> g.getName())
                .contains("apps", "rbac.authorization.k8s.io", "example.flotilla.io");
        assertThat(client.getKubernetesVersion().getMajor()).isEqualTo("1");
    }

    @Test
    void aGroupNobodyDefinedIsNotFound() {
        assertThat(client.getApiResources("nothing.example.com/v1")).isNull();
    }

    @Test
    void discoveryGivesShortNamesSoKubectlFindsKindsByThem() {
        client.resource(new CustomResourceDefinitionBuilder(definition("sprockets", "Sprocket", "Namespaced"))
                .editSpec().editNames().withShortNames("spr").endNames().endSpec().build())
                .fieldManager("flotilla").forceConflicts().serverSideApply();

        assertThat(client.getApiResources("apps/v1").getResources()).filteredOn(r -> r.getName().equals("deployments"))
                .singleElement().satisfies(r -> assertThat(r.getShortNames()).containsExactly("deploy"));
        assertThat(client.getApiResources("v1").getResources()).filteredOn(r -> r.getName().equals("services"))
                .singleElement().satisfies(r -> assertThat(r.getShortNames()).containsExactly("svc"));
        assertThat(client.getApiResources("example.flotilla.io/v1").getResources())
                .filteredOn(r -> r.getName().equals("sprockets"))
                .singleElement().satisfies(r -> assertThat(r.getShortNames()).containsExactly("spr"));
    }

    private static CustomResourceDefinition definition(String plural, String kind, String scope) {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(plural + ".example.flotilla.io").endMetadata()
                .withNewSpec()
                .withGroup("example.flotilla.io")
                .withScope(scope)
                .withNewNames().withPlural(plural).withSingular(kind.toLowerCase()).withKind(kind).endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
                .endVersion()
                .endSpec()
                .build();
    }

    private static GenericKubernetesResource widget(String name, String size) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("example.flotilla.io/v1").withKind("Widget")
                .withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .addToAdditionalProperties("spec", Map.of("size", size))
                .build();
    }
}
