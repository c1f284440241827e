/**
 * image-updater: finds the image tags releases should run, so that an {@code Auto-release} commit can move them
 * (issue 14).
 * <p>
 * What exists so far is plain Java, driven by unit tests and by tests against a real registry:
 * <ul>
 * <li>{@code policy}: tag policies as Flux v1 filters ({@code glob:}, {@code semver:}, {@code regex:}) and Flux v2
 * ImagePolicies ({@code semver.range}, {@code alphabetical.order}, {@code numerical.order}, {@code filterTags}
 * with {@code extract}) declare them; glob and regex choose the most recently built image, semver the highest
 * version;</li>
 * <li>{@code registry}: a client of the registry HTTP API v2: tag lists across pages ({@code Link}), bearer-token
 * and basic auth, Docker v2 and OCI manifests and indexes, config blobs for build times kept by digest (each
 * fetched once), backoff on 429;</li>
 * <li>{@code declaration}: the automation a Flux v1 HelmRelease declares ({@code fluxcd.io/automated},
 * {@code fluxcd.io/locked}, {@code filter.fluxcd.io/}, {@code repository.fluxcd.io/}, {@code tag.fluxcd.io/},
 * {@code registry.fluxcd.io/}): each image with its repository, current tag, policy and the value paths to write,
 * or an error naming the file, object and annotation.</li>
 * </ul>
 * Still to build for issue 14: taking the declarations from the {@code rendered} topic (or the files at a commit)
 * and feeding them to the scans; the older Flux v1 forms {@code flux.weave.works/automated} and
 * {@code fluxcd.io/tag.<container>}; Flux v2 ImageRepository, ImagePolicy, ImageUpdateAutomation and setter
 * markers; credentials from {@code dockerconfigjson} Secrets, per-host request rate limits and a scan interval
 * per repository, registry webhooks (docker-registry notifications, Docker Hub, Harbor, GHCR), publishing {@code ImageTagFound} on the {@code images} topic, the batched {@code Auto-release}
 * commit written by git-watcher, cosign signature checks, the API and dashboard view of automated releases, and
 * {@code ./flotilla bench --images}.
 */
package io.flotilla.imageupdater;
