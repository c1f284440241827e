package io.flotilla.imageupdater.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads image repositories over the registry HTTP API v2, as Docker Hub, GHCR, Harbor, ECR and the distribution
 * registry speak it: a repository's tags (every page, following the {@code Link} header), and a tag's digest and
 * build time (its manifest, Docker v2 or OCI, an index read through its first platform's manifest, and that
 * manifest's config blob).
 * <p>
 * Manifests by digest and config blobs never change, so what they say is kept by digest: each is fetched once for
 * the life of the client; only the tag's current digest is asked again (a HEAD request). A registry that asks for
 * a token ({@code WWW-Authenticate: Bearer}) gets one from its realm, with the registry's login if there is one;
 * one that asks for basic auth gets the login. A 429 is asked again after a {@link Backoff}.
 */
public final class RegistryClient {

    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    private static final String ACCEPT_MANIFESTS = String.join(", ", OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST,
            DOCKER_MANIFEST);
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryTransport transport;
    private final RegistryCredentials credentials;
    private final Backoff backoff;
    private final int pageSize;
    private final Map<String, Optional<Instant>> createdByDigest = new ConcurrentHashMap<>();
    private final Map<String, String> authorizationByScope = new ConcurrentHashMap<>();

    /**
     * A client sending through {@code transport}, logging in with {@code credentials}, asking for {@code pageSize}
     * tags a page (0 leaves the page size to the registry).
     */
    public RegistryClient(RegistryTransport transport, RegistryCredentials credentials, Backoff backoff, int pageSize) {
        this.transport = transport;
        this.credentials = credentials;
        this.backoff = backoff;
        this.pageSize = pageSize;
    }

    /** Every tag of {@code repository}, in the order the registry lists them. */
    public List<String> tags(ImageRepository repository) {
        List<String> tags = new ArrayList<>();
        URI next = repository.uri("tags/list" + (pageSize > 0 ? "?n=" + pageSize : ""));
        while (next != null) {
            HttpResponse<byte[]> response = send(repository, "GET", next, "application/json");
            if (response.statusCode() == 404) {
                throw new RepositoryNotFoundException(repository + ": the registry has no repository '"
                        + repository.name() + "'" + errors(response));
            }
            expectOk(repository, response, "the tag list");
            JsonNode page = json(repository, response, "the tag list");
            page.path("tags").forEach(tag -> tags.add(tag.asText()));
            next = response.headers().firstValue("Link").map(NEXT_LINK::matcher).filter(Matcher::find)
                    .map(link -> response.uri().resolve(link.group(1))).orElse(null);
        }
        return tags;
    }

    /** The digest of {@code tag} in {@code repository} and when its image was built. */
    public ImageInfo image(ImageRepository repository, String tag) {
        String digest = currentDigest(repository, tag);
        Optional<Instant> created = createdByDigest.get(digest);
        if (created == null) {
            created = createdOfManifest(repository, digest, tag);
        }
        return new ImageInfo(digest, created.orElse(null));
    }

    /** When {@code tag}'s image in {@code repository} was built; null if its config does not say. */
    public Instant createdAt(ImageRepository repository, String tag) {
        return image(repository, tag).created();
    }

    /**
     * The manifest {@code reference} (a tag or digest) names in {@code repository}, as the registry serves it; empty
     * when the registry has none (404). What a signature check reads: cosign's {@code sha256-<hex>.sig} tags.
     */
    public Optional<byte[]> manifestIfPresent(ImageRepository repository, String reference) {
        HttpResponse<byte[]> response = send(repository, "GET", repository.uri("manifests/" + reference),
                ACCEPT_MANIFESTS);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expectOk(repository, response, "the manifest '" + reference + "'");
        return Optional.of(response.body());
    }

    /**
     * The blob {@code digest} of {@code repository}, checked against a SHA-256 digest (a blob is content-addressed:
     * bytes that do not hash to it are not that blob).
     */
    public byte[] blob(ImageRepository repository, String digest) {
        HttpResponse<byte[]> response = storage(repository,
                send(repository, "GET", repository.uri("blobs/" + digest), "*/*"));
        expectOk(repository, response, "the blob " + digest);
        if (digest.startsWith("sha256:") && !sha256(response.body()).equals(digest)) {
            throw new RegistryException(repository + ": the blob " + digest + " the registry serves hashes to "
                    + sha256(response.body()));
        }
        return response.body();
    }

    private static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    private String currentDigest(ImageRepository repository, String tag) {
        HttpResponse<byte[]> response = send(repository, "HEAD", repository.uri("manifests/" + tag), ACCEPT_MANIFESTS);
        if (response.statusCode() == 404) {
            throw new RepositoryNotFoundException(repository + ": the registry has no tag '" + tag
                    + "' in repository '" + repository.name() + "'");
        }
        expectOk(repository, response, "the manifest of tag '" + tag + "'");
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow(() -> new RegistryException(
                repository + ": the registry gives no Docker-Content-Digest for tag '" + tag + "'"));
    }

    private Optional<Instant> createdOfManifest(ImageRepository repository, String digest, String tag) {
        JsonNode manifest = manifest(repository, digest, tag);
        String mediaType = manifest.path("mediaType").asText("");
        JsonNode platforms = manifest.path("manifests");
        Optional<Instant> created;
        if (mediaType.equals(OCI_INDEX) || mediaType.equals(DOCKER_MANIFEST_LIST) || platforms.isArray()) {
            String platformDigest = firstPlatform(platforms).orElseThrow(() -> new RegistryException(repository
                    + ": the index of tag '" + tag + "' (" + digest + ") lists no platform image"));
            Optional<Instant> known = createdByDigest.get(platformDigest);
            created = known != null ? known
                    : createdOfImage(repository, platformDigest, manifest(repository, platformDigest, tag), tag);
        } else {
            created = createdOfImage(repository, digest, manifest, tag);
        }
        createdByDigest.put(digest, created);
        return created;
    }

    private Optional<Instant> createdOfImage(ImageRepository repository, String digest, JsonNode manifest, String tag) {
        String configDigest = manifest.path("config").path("digest").asText("");
        if (configDigest.isEmpty()) {
            throw new RegistryException(repository + ": the manifest of tag '" + tag + "' (" + digest
                    + ") names no config blob");
        }
        Optional<Instant> known = createdByDigest.get(configDigest);
        Optional<Instant> created = known != null ? known : configCreated(repository, configDigest, tag);
        createdByDigest.put(configDigest, created);
        createdByDigest.put(digest, created);
        return created;
    }

    private static Optional<String> firstPlatform(JsonNode platforms) {
        for (JsonNode platform : platforms) {
            // Attestations (BuildKit's provenance) sit in indexes as unknown/unknown: they are no image to run.
            if (!"unknown".equals(platform.path("platform").path("os").asText(""))) {
                return Optional.of(platform.path("digest").asText());
            }
        }
        return Optional.empty();
    }

    private JsonNode manifest(ImageRepository repository, String digest, String tag) {
        HttpResponse<byte[]> response = send(repository, "GET", repository.uri("manifests/" + digest), ACCEPT_MANIFESTS);
        expectOk(repository, response, "the manifest " + digest + " of tag '" + tag + "'");
        return json(repository, response, "the manifest " + digest + " of tag '" + tag + "'");
    }

    private Optional<Instant> configCreated(ImageRepository repository, String configDigest, String tag) {
        HttpResponse<byte[]> response = storage(repository,
                send(repository, "GET", repository.uri("blobs/" + configDigest), "*/*"));
        expectOk(repository, response, "the config blob " + configDigest + " of tag '" + tag + "'");
        String created = json(repository, response, "the config blob " + configDigest).path("created").asText("");
        if (created.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(created).toInstant());
        } catch (DateTimeParseException e) {
            throw new RegistryException(repository + ": the config blob " + configDigest + " of tag '" + tag
                    + "' has a creation time that does not parse: '" + created + "'", e);
        }
    }

    /**
     * Registries often serve blobs from storage elsewhere (Docker Hub from a CDN, others from S3) through a
     * redirect; the storage's address is signed for the download, so the registry's token is not sent there.
     */
    private HttpResponse<byte[]> storage(ImageRepository repository, HttpResponse<byte[]> response) {
        Optional<String> location = response.headers().firstValue("Location");
        if (response.statusCode() / 100 != 3 || location.isEmpty()) {
            return response;
        }
        return sendOnce(repository, HttpRequest.newBuilder(response.uri().resolve(location.get())).timeout(TIMEOUT)
                .GET().build());
    }

    private HttpResponse<byte[]> send(ImageRepository repository, String method, URI uri, String accept) {
        String scope = repository.registry() + " repository:" + repository.name() + ":pull";
        HttpResponse<byte[]> response = sendWithBackoff(repository, method, uri, accept,
                authorizationByScope.get(scope));
        if (response.statusCode() != 401) {
            return response;
        }
        String authorization = authorize(repository, response);
        authorizationByScope.put(scope, authorization);
        response = sendWithBackoff(repository, method, uri, accept, authorization);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new RegistryAuthenticationException(repository + ": the registry refuses "
                    + (credentials.forRegistry(repository.registry()).isPresent() ? "the login given for "
                    + repository.registry() : "anonymous access; give a login for " + repository.registry())
                    + " (" + response.statusCode() + ")" + errors(response));
        }
        return response;
    }

    private String authorize(ImageRepository repository, HttpResponse<byte[]> refused) {
        Optional<RegistryCredentials.Login> login = credentials.forRegistry(repository.registry());
        String header = refused.headers().firstValue("WWW-Authenticate").orElse("");
        Optional<BearerChallenge> challenge = BearerChallenge.parse(header);
        if (challenge.isPresent()) {
            return "Bearer " + token(repository, challenge.get(), login);
        }
        if (header.regionMatches(true, 0, "Basic", 0, 5) && login.isPresent()) {
            return basic(login.get());
        }
        throw new RegistryAuthenticationException(repository + ": the registry asks for credentials ("
                + (header.isEmpty() ? "401 with no challenge" : header) + ")"
                + (login.isEmpty() ? " and none are given for " + repository.registry() : ""));
    }

    private String token(ImageRepository repository, BearerChallenge challenge, Optional<RegistryCredentials.Login> login) {
        HttpRequest.Builder request = HttpRequest.newBuilder(challenge.tokenUri()).timeout(TIMEOUT).GET();
        login.ifPresent(credentials -> request.header("Authorization", basic(credentials)));
        HttpResponse<byte[]> response = sendOnce(repository, request.build());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new RegistryAuthenticationException(repository + ": the token service " + challenge.realm()
                    + " refuses " + (login.isPresent() ? "the login given" : "anonymous access") + " ("
                    + response.statusCode() + ")");
        }
        expectOk(repository, response, "a token from " + challenge.realm());
        JsonNode body = json(repository, response, "the token from " + challenge.realm());
        String token = body.path("token").asText(body.path("access_token").asText(""));
        if (token.isEmpty()) {
            throw new RegistryAuthenticationException(repository + ": the token service " + challenge.realm()
                    + " gives no token");
        }
        return token;
    }

    private static String basic(RegistryCredentials.Login login) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (login.username() + ":" + login.password()).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> sendWithBackoff(ImageRepository repository, String method, URI uri, String accept,
            String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", accept)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<byte[]> response = sendOnce(repository, request);
            if (response.statusCode() != 429) {
                return response;
            }
            if (attempt == backoff.attempts()) {
                throw new RegistryUnavailableException(repository + ": the registry still answers 429 (too many"
                        + " requests) after " + attempt + " attempts");
            }
            pause(backoff.pauseAfter(attempt, response.headers().firstValue("Retry-After").orElse(null)));
        }
    }

    private HttpResponse<byte[]> sendOnce(ImageRepository repository, HttpRequest request) {
        try {
            return transport.send(request);
        } catch (IOException e) {
            throw new RegistryUnavailableException(repository + ": the registry " + request.uri().getAuthority()
                    + " cannot be reached: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException(repository + ": interrupted while asking the registry", e);
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while waiting to ask a registry again", e);
        }
    }

    private static void expectOk(ImageRepository repository, HttpResponse<byte[]> response, String what) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String message = repository + ": the registry answers " + status + " for " + what + errors(response);
        throw status / 100 == 5 ? new RegistryUnavailableException(message) : new RegistryException(message);
    }

    private static JsonNode json(ImageRepository repository, HttpResponse<byte[]> response, String what) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryException(repository + ": " + what + " is not JSON: " + e.getMessage(), e);
        }
    }

    /** The registry's own error codes and messages, as {@code " (NAME_UNKNOWN: ...)"}; empty if it gives none. */
    private static String errors(HttpResponse<byte[]> response) {
        if (response.body() == null || response.body().length == 0) {
            return "";
        }
        try {
            List<String> errors = new ArrayList<>();
            JSON.readTree(response.body()).path("errors").forEach(error -> errors.add(
                    error.path("code").asText() + ": " + error.path("message").asText()));
            return errors.isEmpty() ? "" : " (" + String.join("; ", errors) + ")";
        } catch (IOException e) {
            return "";
        }
    }
}
