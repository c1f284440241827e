/**
 * End-to-end tests of the packaged stack: one per flow (a commit reaching every cluster, the fleet changing while
 * it runs, an image push becoming an Auto-release commit that runs on every cluster, the dashboard in a browser, the
 * services' logs and metrics), each running the services as {@code ./flotilla up} does, on one stack they share
 * ({@code SharedStack}) unless they change what the others would see (the clusters); and the applier's packaged
 * application alone through faults in the middle of a sync (killed, the broker down, its database connections
 * ended), each checked as a user sees it afterwards.
 */
package io.flotilla.deploy;
