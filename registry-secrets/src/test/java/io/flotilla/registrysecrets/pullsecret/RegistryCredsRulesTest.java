package io.flotilla.registrysecrets.pullsecret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** registry-creds' rules as Flotilla reads them: the opt-out annotation, the copy's name, the seed's digest. */
class RegistryCredsRulesTest {

    @Test
    void aNamespaceIsOptedOutByOneOrTrueAndLetBackInByAnythingElse() {
        assertThat(OptOut.optedOut(annotated("1"))).isTrue();
        assertThat(OptOut.optedOut(annotated("TRUE"))).isTrue();
        assertThat(OptOut.optedOut(annotated("0"))).isFalse();
        assertThat(OptOut.optedOut(annotated("no"))).isFalse();
        assertThat(OptOut.optedOut(new NamespaceBuilder().withNewMetadata().withName("plain").endMetadata().build()))
                .isFalse();
    }

    @Test
    void theCopyIsNamedAfterTheClusterPullSecretAndPointsToItsSeed() {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setMetadata(new ObjectMetaBuilder().withName("dockerhub").build());
        object.setAdditionalProperty("spec", Map.of("secretRef", Map.of("name", "seed", "namespace", "kube-system")));

        ClusterPullSecret pullSecret = ClusterPullSecret.from(object);

        assertThat(pullSecret.copyName()).isEqualTo("dockerhub-registrycreds");
        assertThat(pullSecret.seed()).isEqualTo("kube-system/seed");
        assertThat(pullSecret.namesASeed()).isTrue();
    }

    @Test
    void aClusterPullSecretWithoutANamespaceInItsSecretRefNamesNoSeed() {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setMetadata(new ObjectMetaBuilder().withName("half").build());
        object.setAdditionalProperty("spec", Map.of("secretRef", Map.of("name", "seed")));

        assertThat(ClusterPullSecret.from(object).namesASeed()).isFalse();
    }

    @Test
    void theDigestFollowsTheDataWhateverTheOrderOfItsKeys() {
        Map<String, String> data = Map.of(".dockerconfigjson", "e30=", "extra", "eA==");

        assertThat(SeedDigest.of(data)).startsWith("sha256:").isEqualTo(SeedDigest.of(Map.of("extra", "eA==",
                ".dockerconfigjson", "e30=")));
        assertThat(SeedDigest.of(data)).isNotEqualTo(SeedDigest.of(Map.of(".dockerconfigjson", "e31=")));
    }

    private static Namespace annotated(String value) {
        return new NamespaceBuilder().withNewMetadata().withName("team")
                .addToAnnotations(OptOut.ANNOTATION, value).endMetadata().build();
    }
}
