/**
 * image-updater: finds the image tags releases should run, and publishes the edits of the fleet repository that
 * move them there, for git-watcher's {@code Auto-release} commit (issue 14).
 * <ul>
 * <li>{@code kafka}: commits in ({@code CommitConsumer}), {@code ImageTagFound} out on the images topic
 * ({@code ImageTagPublisher});</li>
 * <li>{@code source}: a bare clone of each Git source, the YAML files of a commit read from it;</li>
 * <li>{@code declaration}: what a commit's files declare: Flux v1 HelmRelease annotations, older forms included
 * ({@code FluxV1Automations}), Flux v2 ImageRepository, ImagePolicy, ImageUpdateAutomation and setter markers
 * ({@code FluxV2Automations}, {@code SetterMarkers}), each value to move with its YAML path
 * ({@code EditTarget}); refusals name the file and the object;</li>
 * <li>{@code policy}: tag policies as Flux v1 filters and Flux v2 ImagePolicies declare them;</li>
 * <li>{@code registry}: the registry HTTP API v2 client, credentials from dockerconfigjson files, a per-host rate
 * limit;</li>
 * <li>{@code scan}: one scan of a repository for every policy following it, and when each repository is scanned
 * next (interval, backoff, webhooks);</li>
 * <li>{@code signature}: the optional cosign check (keyed ECDSA P-256 signatures of the image digest, one public
 * key in configuration): unsigned and badly signed tags are skipped and shown;</li>
 * <li>{@code automation}: the images followed, what to publish, the scan and commit threads;</li>
 * <li>{@code webhook}: registry push payloads and their shared secret; {@code api}: {@code GET /api/automations},
 * {@code POST /hooks/registry};</li>
 * <li>{@code share}: the repositories split between the instances (each scanned and published by one), and
 * webhooks passed on to the instance that scans their repository.</li>
 * </ul>
 * Still to build for issue 14: the dashboard view.
 */
package io.flotilla.imageupdater;
