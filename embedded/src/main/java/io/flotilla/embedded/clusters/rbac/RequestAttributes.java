package io.flotilla.embedded.clusters.rbac;

import java.util.Locale;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.flotilla.embedded.clusters.wire.ApiPath;

/**
 * What a request asks to do, in RBAC's words: a verb on a resource (with its subresource) of an API group, in a
 * namespace or at the cluster scope, perhaps on one object by name; or a verb on a path that names no resource.
 *
 * @param path the path of a non-resource request ({@code /version}); null for a resource request
 */
public record RequestAttributes(String verb, String group, String resource, String subresource, String namespace,
        String name, String path) {

    /** The attributes of a request for a resource, as the API server's request info makes them. */
    public static RequestAttributes of(HttpMethod method, ApiPath apiPath) {
        boolean named = apiPath.name() != null;
        String verb = switch (method) {
            case GET -> isWatch(apiPath) ? "watch" : named ? "get" : "list";
            case POST -> "create";
            case PUT -> "update";
            case PATCH -> "patch";
            case DELETE -> named ? "delete" : "deletecollection";
            default -> method.name().toLowerCase(Locale.ROOT);
        };
        // A Namespace is the object it names: RBAC sees namespaces/x as a cluster-scoped get of namespace x.
        String namespace = apiPath.namespace();
        if (apiPath.group().isEmpty() && apiPath.resource().equals("namespaces") && named) {
            namespace = apiPath.name();
        }
        return new RequestAttributes(verb, apiPath.group(), apiPath.resource(), apiPath.subresource(), namespace,
                apiPath.name(), null);
    }

    public static RequestAttributes nonResource(String verb, String path) {
        return new RequestAttributes(verb, null, null, null, null, null, path);
    }

    public boolean isResourceRequest() {
        return path == null;
    }

    /** {@code deployments/scale} for a subresource, as RBAC rules name it. */
    public String resourceWithSubresource() {
        return subresource == null ? resource : resource + "/" + subresource;
    }

    private static boolean isWatch(ApiPath path) {
        String watch = path.query().get("watch");
        return "true".equals(watch) || "1".equals(watch);
    }
}
