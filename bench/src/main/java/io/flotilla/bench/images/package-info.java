/**
 * What {@code ./flotilla bench --images} drives: a real registry CI pushes to ({@code testing.registry.RegistryPushes}), the fleet's
 * Git remote and a team member's clone of it ({@code FleetRemote}), the automated releases it holds
 * ({@code AutomatedReleases}), and what it reads of the image-updater: its counters ({@code ImageUpdaterMetrics})
 * and its CPU time ({@code ProcessCpu}).
 */
package io.flotilla.bench.images;
