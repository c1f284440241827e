/**
 * End-to-end tests of the packaged stack: one per flow (a commit reaching every cluster, the dashboard in a
 * browser, the services' logs and metrics), each running every service as {@code ./flotilla up} does.
 */
package io.flotilla.deploy;
