package io.flotilla.applier.order;

import java.util.Comparator;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The order in which the objects of a release reach the API server: what others depend on comes
 * first. A custom resource needs its CustomResourceDefinition, a namespaced object its Namespace.
 * Kinds not in the table keep their rendered order, after those that are.
 */
public final class ApplyOrder {

    /** Kinds applied before all others, earliest first; Helm's install order extends this table. */
    private static final List<String> FIRST = List.of(
            "CustomResourceDefinition",
            "Namespace");

    private static final Comparator<HasMetadata> BY_KIND = Comparator.comparingInt(object -> rank(object.getKind()));

    private ApplyOrder() {
    }

    /** The objects in the order to apply them; the sort is stable, so equal kinds keep their order. */
    public static List<HasMetadata> forInstall(List<? extends HasMetadata> objects) {
        return objects.stream().<HasMetadata>map(object -> object).sorted(BY_KIND).toList();
    }

    static int rank(String kind) {
        int index = FIRST.indexOf(kind);
        return index < 0 ? FIRST.size() : index;
    }
}
