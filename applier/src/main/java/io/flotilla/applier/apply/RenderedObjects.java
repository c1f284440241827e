package io.flotilla.applier.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flotilla.applier.sops.AgeIdentity;
import io.flotilla.applier.sops.SopsDecryption;
import io.flotilla.applier.sops.SopsException;
import io.flotilla.events.sealing.KeyRing;
import io.flotilla.events.sealing.SealingException;
import io.flotilla.events.sealing.SecretObjects;
import io.flotilla.events.sealing.SopsDigests;

/**
 * The rendered objects of a release as Kubernetes resources. They stay generic, so that what reaches
 * the API server is exactly what was rendered, field for field; the kind's scope is looked up apart. The data of
 * their Secrets, sealed by the renderer, is opened here for the API server (and by Helm's record, which the cluster
 * keeps as Helm does): what the applier keeps in its tables and reports stays sealed. Objects committed
 * SOPS-encrypted are decrypted here, after the seal is opened, and nowhere else.
 */
public final class RenderedObjects {

    private RenderedObjects() {
    }

    /**
     * @param releaseNamespace the release's namespace, which Secrets naming none were sealed for
     * @param keys           opens the sealed data of Secrets
     * @param sopsIdentities decrypt the objects committed SOPS-encrypted; asked for only when there are some
     * @param sopsDigests    digests the values decrypted, written on their objects for the observer
     * @throws InvalidObjectException naming the first object that cannot be applied as it is, the Secret whose
     *                                data does not open, or the SOPS file that does not decrypt, and why
     */
    public static List<GenericKubernetesResource> decode(List<Map<String, Object>> sealed,
            String releaseNamespace, KubernetesSerialization serialization, KeyRing keys,
            Supplier<List<AgeIdentity>> sopsIdentities, SopsDigests sopsDigests) {
        List<Map<String, Object>> rendered;
        try {
            rendered = SopsDecryption.decrypt(SecretObjects.open(sealed, keys, releaseNamespace), sopsIdentities,
                    sopsDigests);
        } catch (SealingException | SopsException e) {
            throw new InvalidObjectException(e.getMessage());
        }
        List<GenericKubernetesResource> objects = new ArrayList<>(rendered.size());
        for (int i = 0; i < rendered.size(); i++) {
            objects.add(decode(i + 1, rendered.get(i), serialization));
        }
        return objects;
    }

    private static GenericKubernetesResource decode(int position, Map<String, Object> rendered,
            KubernetesSerialization serialization) {
        GenericKubernetesResource object;
        try {
            object = serialization.convertValue(rendered, GenericKubernetesResource.class);
        } catch (IllegalArgumentException e) {
            throw new InvalidObjectException("rendered object #" + position + " is not a Kubernetes object: "
                    + e.getMessage());
        }
        if (isBlank(object.getApiVersion()) || isBlank(object.getKind())) {
            throw new InvalidObjectException("rendered object #" + position + " has no apiVersion or kind");
        }
        if (object.getMetadata() == null || isBlank(object.getMetadata().getName())) {
            throw new InvalidObjectException("rendered object #" + position + " (" + object.getKind()
                    + ") has no metadata.name");
        }
        return object;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
