/**
 * Who a request to a simulated cluster is from, and whether it may do what it asks, as a real API server decides
 * it: Kubernetes impersonation ({@link io.flotilla.embedded.clusters.rbac.Impersonation}: the
 * {@code Impersonate-User} and {@code Impersonate-Group} headers, honoured only for a requester allowed to
 * impersonate), RBAC evaluated over the Roles, ClusterRoles and their bindings stored in the cluster
 * ({@link io.flotilla.embedded.clusters.rbac.RbacAuthorizer}), the 403 Status a refusal is answered with
 * ({@link io.flotilla.embedded.clusters.rbac.Forbidden}), and the access reviews {@code kubectl auth can-i} asks
 * ({@link io.flotilla.embedded.clusters.rbac.AccessReviews}).
 */
package io.flotilla.embedded.clusters.rbac;
