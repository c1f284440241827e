package io.flotilla.events;

import java.util.Map;
import java.util.Objects;

/**
 * One Kubernetes object: the resource identity every module uses. {@code namespace} is null (or empty) for
 * cluster-scoped objects. The same object is reached through any version of its API group, so identity
 * ({@link #identity()}) leaves the version out, as the API server does.
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

    /** What makes two references the same object: API group, kind, namespace ("" when cluster-scoped) and name. */
    public record Identity(String group, String kind, String namespace, String name) {

        @Override
        public String toString() {
            return (group.isEmpty() ? "" : group + "/") + kind + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
        }
    }

    /** The reference of a manifest as rendered or read (its {@code apiVersion}, {@code kind} and metadata). */
    public static ObjectRef of(Map<String, ?> manifest) {
        Map<?, ?> metadata = manifest.get("metadata") instanceof Map<?, ?> map ? map : Map.of();
        return new ObjectRef(text(manifest.get("apiVersion")), text(manifest.get("kind")),
                text(metadata.get("namespace")), text(metadata.get("name")));
    }

    /** The API group of an {@code apiVersion}: {@code apps} of {@code apps/v1}, empty for the core {@code v1}. */
    public static String groupOf(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public String group() {
        return groupOf(apiVersion);
    }

    public String version() {
        return apiVersion == null ? "" : apiVersion.substring(apiVersion.indexOf('/') + 1);
    }

    public boolean clusterScoped() {
        return namespace == null || namespace.isEmpty();
    }

    public Identity identity() {
        return new Identity(group(), kind, clusterScoped() ? "" : namespace, name);
    }

    /** Whether {@code other} is the same object, through whichever version of its group. */
    public boolean sameObject(ObjectRef other) {
        return identity().equals(other.identity());
    }

    /**
     * Whether {@code manifest}, rendered for a release in {@code releaseNamespace}, is this object. A manifest
     * without a namespace goes to the release's namespace, unless this object is cluster-scoped.
     */
    public boolean isRenderedAs(Map<String, ?> manifest, String releaseNamespace) {
        ObjectRef rendered = of(manifest);
        String renderedNamespace = rendered.clusterScoped() && !clusterScoped() ? releaseNamespace : rendered.namespace();
        return Objects.equals(rendered.name(), name) && Objects.equals(rendered.kind(), kind)
                && rendered.group().equals(group())
                && Objects.equals(renderedNamespace == null ? "" : renderedNamespace, clusterScoped() ? "" : namespace);
    }

    @Override
    public String toString() {
        return kind + " " + (clusterScoped() ? "" : namespace + "/") + name;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
