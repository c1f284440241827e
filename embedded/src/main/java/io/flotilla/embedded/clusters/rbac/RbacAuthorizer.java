package io.flotilla.embedded.clusters.rbac;

import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * RBAC as the API server evaluates it: a request is allowed when a rule of a ClusterRole bound by a
 * ClusterRoleBinding, or of a Role or ClusterRole bound by a RoleBinding in the request's namespace, names its verb,
 * API group, resource (with subresource) and, where the rule lists names, its object; or, for a path that names no
 * resource, its verb and path. Bindings match users, groups and service accounts. The administrator
 * ({@code system:masters}) is never refused, as a real API server's superuser group; and every authenticated user
 * may read what the API server says about itself (discovery, {@code /version}, OpenAPI) and ask what it may do
 * itself (a {@code SelfSubjectAccessReview}), as the default {@code system:discovery}, {@code system:public-info-viewer}
 * and {@code system:basic-user} ClusterRoles, bound to {@code system:authenticated}, let them on a real cluster.
 */
public final class RbacAuthorizer {

    private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1/";

    /** The objects stored under a collection path. */
    private final Function<String, JsonNode> items;

    public RbacAuthorizer(Function<String, JsonNode> items) {
        this.items = items;
    }

    public boolean allows(Requester requester, RequestAttributes request) {
        if (requester.admin()) {
            return true;
        }
        if (!request.isResourceRequest()) {
            return request.verb().equals("get");
        }
        if (request.verb().equals("create") && request.group().equals("authorization.k8s.io")
                && request.resource().startsWith("selfsubject")) {
            return true;
        }
        for (JsonNode binding : items.apply(RBAC + "clusterrolebindings")) {
            if (binds(binding, requester) && rulesAllow(role(binding, null), request)) {
                return true;
            }
        }
        if (request.namespace() == null) {
            return false;
        }
        for (JsonNode binding : items.apply(RBAC + "namespaces/" + request.namespace() + "/rolebindings")) {
            if (binds(binding, requester) && rulesAllow(role(binding, request.namespace()), request)) {
                return true;
            }
        }
        return false;
    }

    /** The role a binding refers to; a missing node when it does not exist, which allows nothing. */
    private JsonNode role(JsonNode binding, String namespace) {
        JsonNode roleRef = binding.path("roleRef");
        boolean namespacedRole = roleRef.path("kind").asText().equals("Role");
        if (namespacedRole && namespace == null) {
            // A ClusterRoleBinding cannot grant a Role.
            return MissingNode.getInstance();
        }
        String name = roleRef.path("name").asText();
        for (JsonNode role : items.apply(namespacedRole ? RBAC + "namespaces/" + namespace + "/roles"
                : RBAC + "clusterroles")) {
            if (name.equals(role.path("metadata").path("name").asText())) {
                return role;
            }
        }
        return MissingNode.getInstance();
    }

    private static boolean binds(JsonNode binding, Requester requester) {
        String bindingNamespace = binding.path("metadata").path("namespace").asText(null);
        for (JsonNode subject : binding.path("subjects")) {
            String kind = subject.path("kind").asText();
            String name = subject.path("name").asText();
            boolean matches = switch (kind) {
                case "User" -> name.equals(requester.user());
                case "Group" -> requester.groups().contains(name);
                case "ServiceAccount" -> Requester.isServiceAccount(requester.user())
                        && name.equals(Requester.serviceAccountName(requester.user()))
                        && subject.path("namespace").asText(bindingNamespace == null ? "" : bindingNamespace)
                                .equals(Requester.serviceAccountNamespace(requester.user()));
                default -> false;
            };
            if (matches) {
                return true;
            }
        }
        return false;
    }

    private static boolean rulesAllow(JsonNode role, RequestAttributes request) {
        for (JsonNode rule : role.path("rules")) {
            if (rule.has("nonResourceURLs")) {
                continue;
            }
            if (has(rule.path("verbs"), request.verb()) && has(rule.path("apiGroups"), request.group())
                    && resourceMatches(rule.path("resources"), request) && nameMatches(rule, request)) {
                return true;
            }
        }
        return false;
    }

    private static boolean resourceMatches(JsonNode resources, RequestAttributes request) {
        String wanted = request.resourceWithSubresource();
        for (JsonNode resource : resources) {
            String text = resource.asText();
            if (text.equals("*") || text.equals(wanted)
                    || (request.subresource() != null && text.equals("*/" + request.subresource()))) {
                return true;
            }
        }
        return false;
    }

    /** A rule that lists names applies to requests for one of those objects only (never a create or a list). */
    private static boolean nameMatches(JsonNode rule, RequestAttributes request) {
        JsonNode names = rule.path("resourceNames");
        if (names.isMissingNode() || names.isEmpty()) {
            return true;
        }
        return request.name() != null && has(names, request.name());
    }

    private static boolean has(JsonNode values, String wanted) {
        for (JsonNode value : values) {
            if (value.asText().equals("*") || value.asText().equals(wanted)) {
                return true;
            }
        }
        return false;
    }
}
