/**
 * The registry HTTP API v2 as image scanning needs it: tag lists across pages, bearer-token and basic auth,
 * manifests (Docker v2, OCI, indexes) and config blobs for build times, kept by digest, and backoff on 429;
 * logins from dockerconfigjson files ({@code DockerConfigCredentials}), a client per secret
 * ({@code RegistryClients}) and a request rate limit per registry host ({@code RateLimitedTransport}).
 */
package io.flotilla.imageupdater.registry;
