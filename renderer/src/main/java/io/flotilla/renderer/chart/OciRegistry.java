package io.flotilla.renderer.chart;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.flotilla.git.outbound.OutboundRefusedException;

/**
 * One repository of a container registry, spoken to over the OCI distribution API: its tags, a manifest, a
 * blob. Authentication is what registries ask for in their 401: HTTP basic with the login's credentials, or a
 * bearer token from the realm they name (anonymous when the login has none), which is then reused.
 */
final class OciRegistry {

    static final String MANIFEST_TYPES = "application/vnd.oci.image.manifest.v1+json,"
            + "application/vnd.docker.distribution.manifest.v2+json";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final URI base;
    private final String repository;
    private final RepositoryLogin login;
    private String authorization;

    /**
     * @param host       {@code host[:port]}
     * @param repository the path of the repository in the registry
     * @param insecure   plain HTTP
     */
    OciRegistry(String host, String repository, boolean insecure, RepositoryLogin login) {
        this.base = URI.create((insecure ? "http://" : "https://") + host + "/v2/" + repository + "/");
        this.repository = repository;
        this.login = login;
    }

    JsonNode tags() throws IOException {
        return JSON.readTree(get("tags/list", "application/json"));
    }

    JsonNode manifest(String reference) throws IOException {
        return JSON.readTree(get("manifests/" + reference, MANIFEST_TYPES));
    }

    byte[] blob(String digest) throws IOException {
        return get("blobs/" + digest, "*/*");
    }

    /** What this registry is in messages. */
    String url() {
        return base.resolve("..").toString();
    }

    private byte[] get(String path, String accept) throws IOException {
        URI uri = base.resolve(path);
        HttpResponse<byte[]> response = send(uri, accept);
        if (response.statusCode() == 401) {
            authorization = authorize(response.headers().firstValue("WWW-Authenticate").orElse(""), uri);
            response = send(uri, accept);
        }
        if (ChartSourceUnavailableException.transientStatus(response.statusCode())) {
            throw new ChartSourceUnavailableException(uri + " answered HTTP " + response.statusCode());
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(uri + " answered HTTP " + response.statusCode()
                    + (response.statusCode() == 401 ? login.refusal() : ""));
        }
        return response.body();
    }

    private HttpResponse<byte[]> send(URI uri, String accept) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", accept).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return login.send("the OCI registry", request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (OutboundRefusedException e) {
            throw new IOException(e.getMessage(), e);
        } catch (IOException e) {
            if (ChartSourceUnavailableException.unknownHost(e)) {
                throw e;
            }
            if (RepositoryLogin.untrusted(e)) {
                throw new IOException(uri + ": the registry's TLS certificate is not trusted (" + e.getMessage()
                        + "): name a Secret with its certificate authority, ca.crt, in the source's"
                        + " spec.certSecretRef", e);
            }
            throw new ChartSourceUnavailableException("the OCI registry " + uri.getHost() + " cannot be reached: "
                    + (e.getMessage() == null ? e : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
    }

    /** The Authorization header a 401's challenge asks for. */
    private String authorize(String challenge, URI uri) throws IOException {
        String basic = login.basicAuthorization();
        if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
            if (basic == null) {
                throw new IOException(uri + " answered HTTP 401: the registry asks for credentials");
            }
            return basic;
        }
        if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
            throw new IOException(uri + " answered HTTP 401 with a challenge Flotilla does not know: " + challenge);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher parameter = CHALLENGE_PARAMETER.matcher(challenge);
        while (parameter.find()) {
            parameters.put(parameter.group(1), parameter.group(2));
        }
        String realm = parameters.get("realm");
        if (realm == null) {
            throw new IOException(uri + " answered HTTP 401 without a token realm: " + challenge);
        }
        try {
            login.check("the token service of " + uri.getAuthority() + ",", realm);
        } catch (OutboundRefusedException e) {
            throw new IOException(e.getMessage(), e);
        }
        StringBuilder tokenUri = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        String scope = parameters.getOrDefault("scope", "repository:" + repository + ":pull");
        tokenUri.append("scope=").append(encode(scope));
        if (parameters.containsKey("service")) {
            tokenUri.append("&service=").append(encode(parameters.get("service")));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tokenUri.toString())).timeout(TIMEOUT).GET();
        if (basic != null) {
            request.header("Authorization", basic);
        }
        try {
            HttpResponse<byte[]> response = login.send("the registry's token service", request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new IOException("the registry's token service " + realm + " answered HTTP "
                        + response.statusCode() + (response.statusCode() == 401 ? login.refusal() : ""));
            }
            JsonNode token = JSON.readTree(response.body());
            return "Bearer " + (token.hasNonNull("token") ? token.get("token").asText()
                    : token.path("access_token").asText());
        } catch (OutboundRefusedException e) {
            throw new IOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + realm + " for a token", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
