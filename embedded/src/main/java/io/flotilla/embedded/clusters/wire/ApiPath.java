package io.flotilla.embedded.clusters.wire;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes API request path, taken apart: {@code /api/v1/namespaces/dev/configmaps/app?dryRun=All} is group "",
 * version v1, namespace dev, resource configmaps, name app, query dryRun=All.
 */
public record ApiPath(String group, String version, String namespace, String resource, String name, String subresource,
        Map<String, String> query) {

    /** The subresources of a Namespace; any other word after {@code namespaces/x/} names a namespaced resource. */
    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    /** Parses a resource path; null for anything else (discovery, /version, /healthz...). */
    public static ApiPath parse(String rawPath) {
        int q = rawPath.indexOf('?');
        String path = q < 0 ? rawPath : rawPath.substring(0, q);
        Map<String, String> query = query(q < 0 ? "" : rawPath.substring(q + 1));
        List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        int rest;
        String group;
        String version;
        if (segments.size() >= 3 && segments.get(0).equals("api")) {
            group = "";
            version = segments.get(1);
            rest = 2;
        } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            version = segments.get(2);
            rest = 3;
        } else {
            return null;
        }
        List<String> tail = segments.subList(rest, segments.size());
        String namespace = null;
        if (tail.get(0).equals("namespaces") && tail.size() >= 3
                && !(tail.size() == 3 && NAMESPACE_SUBRESOURCES.contains(tail.get(2)))) {
            namespace = tail.get(1);
            tail = tail.subList(2, tail.size());
        }
        if (tail.size() > 3) {
            return null;
        }
        return new ApiPath(group, version, namespace, tail.get(0), tail.size() > 1 ? tail.get(1) : null,
                tail.size() > 2 ? tail.get(2) : null, query);
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public boolean isDryRun() {
        return "All".equals(query.get("dryRun"));
    }

    /** This path with {@code dryRun=All}: a delete may ask for a dry run in its options, the body, instead. */
    public ApiPath asDryRun() {
        Map<String, String> dryRun = new LinkedHashMap<>(query);
        dryRun.put("dryRun", "All");
        return new ApiPath(group, version, namespace, resource, name, subresource, dryRun);
    }

    public boolean isNamespaced() {
        return namespace != null;
    }

    /** The path of the collection this object belongs to, without query. */
    public String collectionPath() {
        return prefix() + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + resource;
    }

    /** The path of object {@code objectName} in this collection, without query. */
    public String objectPath(String objectName) {
        return collectionPath() + "/" + objectName;
    }

    /** This path without its query. */
    public String withoutQuery() {
        return name == null ? collectionPath() : objectPath(name) + (subresource == null ? "" : "/" + subresource);
    }

    private String prefix() {
        return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                values.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        return values;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
