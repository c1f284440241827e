package io.flotilla.observer.drift;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * What the drift watch keeps of a live object: what {@link DriftDetector} compares and {@link FieldOwners} reads,
 * never its status, the metadata the server manages or the fields Flotilla owns, which a fleet's objects would
 * carry by the megabyte: of Flotilla's entry in its managed fields only that it has one, and when.
 */
final class ComparedParts {

    private ComparedParts() {
    }

    /**
     * Everything but status, with the labels, annotations and managed fields of its metadata (Flotilla's entry
     * without its fields).
     */
    static GenericKubernetesResource of(GenericKubernetesResource live) {
        GenericKubernetesResource part = new GenericKubernetesResource();
        part.setApiVersion(live.getApiVersion());
        part.setKind(live.getKind());
        ObjectMeta metadata = live.getMetadata();
        part.setMetadata(new ObjectMetaBuilder().withNamespace(metadata.getNamespace()).withName(metadata.getName())
                .withResourceVersion(metadata.getResourceVersion()).withLabels(metadata.getLabels())
                .withAnnotations(metadata.getAnnotations()).build());
        List<ManagedFieldsEntry> managers = metadata.getManagedFields() == null ? List.of()
                : metadata.getManagedFields().stream().filter(entry -> entry.getManager() != null)
                        .map(entry -> new ManagedFieldsEntryBuilder().withManager(entry.getManager())
                                .withTime(entry.getTime()).withFieldsV1(FieldOwners.FLOTILLA.equals(entry.getManager())
                                        ? null : entry.getFieldsV1()).build())
                        .toList();
        part.getMetadata().setManagedFields(managers);
        Map<String, Object> fields = new HashMap<>(live.getAdditionalProperties());
        fields.remove("status");
        part.setAdditionalProperties(fields);
        return part;
    }
}
