package io.flotilla.embedded.clusters.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.flotilla.embedded.clusters.wire.ApiStatus;

/**
 * Kubernetes impersonation: a request carrying {@code Impersonate-User} (and perhaps {@code Impersonate-Group}) is
 * authorized as that user, once the requester is found allowed to impersonate it ({@code impersonate} on
 * {@code users}, on {@code serviceaccounts} in the account's namespace for a service account, and on
 * {@code groups}). A request without the headers is the requester's own.
 */
public final class Impersonation {

    static final String USER = "Impersonate-User";
    static final String GROUP = "Impersonate-Group";

    private Impersonation() {
    }

    /**
     * Who the request acts as.
     *
     * @param headers the request's headers, names in any case
     * @throws ApiStatus 403 when the requester may not impersonate, 400 when groups come without a user
     */
    public static Requester actingAs(Requester requester, Map<String, List<String>> headers,
            RbacAuthorizer authorizer) {
        List<String> users = values(headers, USER);
        List<String> groups = values(headers, GROUP);
        if (users.isEmpty()) {
            if (!groups.isEmpty()) {
                throw ApiStatus.badRequest("requested " + groups + " without impersonating a user");
            }
            return requester;
        }
        String user = users.get(0);
        RequestAttributes asUser = Requester.isServiceAccount(user)
                ? new RequestAttributes("impersonate", "", "serviceaccounts", null,
                        Requester.serviceAccountNamespace(user), Requester.serviceAccountName(user), null)
                : new RequestAttributes("impersonate", "", "users", null, null, user, null);
        if (!authorizer.allows(requester, asUser)) {
            throw Forbidden.of(requester, asUser);
        }
        for (String group : groups) {
            RequestAttributes asGroup = new RequestAttributes("impersonate", "", "groups", null, null, group, null);
            if (!authorizer.allows(requester, asGroup)) {
                throw Forbidden.of(requester, asGroup);
            }
        }
        return Requester.impersonated(user, groups);
    }

    private static List<String> values(Map<String, List<String>> headers, String name) {
        List<String> values = new ArrayList<>();
        headers.forEach((header, given) -> {
            if (header.equalsIgnoreCase(name)) {
                values.addAll(given);
            }
        });
        return values;
    }
}
