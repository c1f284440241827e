package io.flotilla.embedded.clusters.rbac;

import java.util.ArrayList;
import java.util.List;

/**
 * Who a request is from, as the authorizer sees it: a user name and the groups it is in.
 *
 * @param admin whether the user is the cluster's administrator, in {@code system:masters}, which RBAC never refuses
 */
public record Requester(String user, List<String> groups, boolean admin) {

    /** The credentials of the kubeconfig a simulated cluster is registered with, as kind names its own. */
    public static final Requester ADMIN = new Requester("kubernetes-admin",
            List.of("system:masters", "system:authenticated"), true);

    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    public Requester {
        groups = List.copyOf(groups);
    }

    /**
     * The user impersonated, with the groups the API server gives it: those asked for, else, for a service
     * account, {@code system:serviceaccounts} and {@code system:serviceaccounts:<namespace>}; and always
     * {@code system:authenticated}.
     */
    static Requester impersonated(String user, List<String> groups) {
        List<String> given = new ArrayList<>(groups);
        if (given.isEmpty() && isServiceAccount(user)) {
            given.add("system:serviceaccounts");
            given.add("system:serviceaccounts:" + serviceAccountNamespace(user));
        }
        if (!given.contains("system:authenticated")) {
            given.add("system:authenticated");
        }
        return new Requester(user, given, given.contains("system:masters"));
    }

    static boolean isServiceAccount(String user) {
        return user.startsWith(SERVICE_ACCOUNT_PREFIX) && user.substring(SERVICE_ACCOUNT_PREFIX.length())
                .split(":", -1).length == 2;
    }

    static String serviceAccountNamespace(String user) {
        return user.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":")[0];
    }

    static String serviceAccountName(String user) {
        return user.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":")[1];
    }
}
