/**
 * The fleet dashboard: server-rendered pages, the overview ({@link io.flotilla.observer.dashboard.Dashboard}),
 * a release's page ({@link io.flotilla.observer.dashboard.ReleaseDetail}) and a cluster's page
 * ({@link io.flotilla.observer.dashboard.ClusterDetail}), each read by its reader before its page class writes it, and
 * one writer per section of the overview; the previews' list and page
 * ({@link io.flotilla.observer.dashboard.PreviewPages}), written from what {@code preview.Previews} reads. A new section gets a class of its own, called from {@code DashboardPage};
 * statuses are drawn by {@code StatusBadge} only, links to pages made by {@code Links} only.
 */
package io.flotilla.observer.dashboard;
