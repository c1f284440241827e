package io.flotilla.embedded.clusters.rbac;

import io.flotilla.embedded.clusters.wire.ApiStatus;

/** The 403 a real API server answers a request its authorizer refuses with, worded as it words it. */
public final class Forbidden {

    private Forbidden() {
    }

    /**
     * {@code configmaps "web" is forbidden: User "system:serviceaccount:team-a:deployer" cannot patch resource
     * "configmaps" in API group "" in the namespace "team-a"}, or {@code ... at the cluster scope}.
     */
    public static ApiStatus of(Requester requester, RequestAttributes request) {
        if (!request.isResourceRequest()) {
            return ApiStatus.forbidden(null, null, "forbidden: User \"" + requester.user() + "\" cannot "
                    + request.verb() + " path \"" + request.path() + "\"");
        }
        String resource = request.resourceWithSubresource();
        String qualified = request.group().isEmpty() ? request.resource() : request.resource() + "." + request.group();
        String subject = qualified + (request.name() == null ? "" : " \"" + request.name() + "\"");
        String scope = request.namespace() == null ? "at the cluster scope"
                : "in the namespace \"" + request.namespace() + "\"";
        return ApiStatus.forbidden(request.resource(), request.name(), subject + " is forbidden: User \""
                + requester.user() + "\" cannot " + request.verb() + " resource \"" + resource + "\" in API group \""
                + request.group() + "\" " + scope);
    }
}
