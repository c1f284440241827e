package io.flotilla.registrysecrets.pullsecret;

import java.util.Map;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The {@code ClusterPullSecret} CustomResourceDefinition, as registry-creds installs it (group
 * {@code ops.alexellis.io}, version {@code v1}, cluster-scoped, {@code spec.secretRef.name} and
 * {@code .namespace}), so that users' existing files apply on a cluster that never ran registry-creds. Where the
 * definition exists already (registry-creds' own, or one applied from Git), it is left as it is. Flotilla's has a
 * status subresource, where it writes what it found ({@link ClusterPullSecretStatus}); registry-creds' has none.
 */
public final class ClusterPullSecretDefinition {

    public static final String NAME = "clusterpullsecrets.ops.alexellis.io";

    private ClusterPullSecretDefinition() {
    }

    /** Creates the definition when the cluster has none; true when it was created. */
    public static boolean installIfMissing(KubernetesClient client) {
        if (client.apiextensions().v1().customResourceDefinitions().withName(NAME).get() != null) {
            return false;
        }
        try {
            client.apiextensions().v1().customResourceDefinitions().resource(definition()).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    /** Whether the cluster's definition (Flotilla's, registry-creds' or one from Git) has a status subresource. */
    public static boolean hasStatusSubresource(KubernetesClient client) {
        CustomResourceDefinition found = client.apiextensions().v1().customResourceDefinitions().withName(NAME).get();
        return found != null && found.getSpec().getVersions().stream()
                .anyMatch(version -> "v1".equals(version.getName()) && version.getSubresources() != null
                        && version.getSubresources().getStatus() != null);
    }

    static CustomResourceDefinition definition() {
        JSONSchemaProps text = new JSONSchemaPropsBuilder().withType("string").build();
        JSONSchemaProps secretRef = new JSONSchemaPropsBuilder().withType("object")
                .withProperties(Map.of("name", text, "namespace", text)).build();
        JSONSchemaProps spec = new JSONSchemaPropsBuilder().withType("object")
                .withProperties(Map.of("secretRef", secretRef)).build();
        JSONSchemaProps status = new JSONSchemaPropsBuilder().withType("object")
                .withXKubernetesPreserveUnknownFields(true).build();
        JSONSchemaProps root = new JSONSchemaPropsBuilder().withType("object")
                .withProperties(Map.of("apiVersion", text, "kind", text,
                        "metadata", new JSONSchemaPropsBuilder().withType("object").build(),
                        "spec", spec, "status", status))
                .build();
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(NAME).endMetadata()
                .withNewSpec().withGroup("ops.alexellis.io").withScope("Cluster")
                .withNewNames().withKind(ClusterPullSecret.KIND).withListKind("ClusterPullSecretList")
                .withPlural("clusterpullsecrets").withSingular("clusterpullsecret").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withOpenAPIV3Schema(root).endSchema()
                .addNewAdditionalPrinterColumn().withName("SecretName").withType("string")
                .withJsonPath(".spec.secretRef.name").endAdditionalPrinterColumn()
                .addNewAdditionalPrinterColumn().withName("SecretNamespace").withType("string")
                .withJsonPath(".spec.secretRef.namespace").endAdditionalPrinterColumn()
                .endVersion()
                .endSpec().build();
    }
}
