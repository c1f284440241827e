/**
 * What {@code ./flotilla bench --images} drives besides a real registry CI pushes to
 * ({@code testing.registry.RegistryPushes}): the fleet's Git remote and a team member's clone of it
 * ({@code FleetRemote}), the automated releases it holds ({@code AutomatedReleases}), and the image-updater's
 * counters ({@code ImageUpdaterMetrics}).
 */
package io.flotilla.bench.images;
