package io.flotilla.imageupdater.registry;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Registry logins from a {@code dockerconfigjson} file (a {@code kubernetes.io/dockerconfigjson} Secret's
 * {@code .dockerconfigjson}, or Docker's {@code config.json}): {@code auths} keyed by registry host or URL, each
 * with {@code username} and {@code password} or a base64 {@code auth} of {@code user:password}. Docker Hub's keys
 * ({@code https://index.docker.io/v1/}, {@code docker.io}) are the host the registry API is asked at,
 * {@code registry-1.docker.io}.
 */
public final class DockerConfigCredentials {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerConfigCredentials() {
    }

    /**
     * The logins of the file at {@code file}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it, never a password
     */
    public static RegistryCredentials read(Path file) {
        JsonNode auths;
        try {
            auths = JSON.readTree(Files.readAllBytes(file)).path("auths");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read as a dockerconfigjson file: " + e.getMessage(), e);
        }
        Map<String, RegistryCredentials.Login> logins = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            logins.put(host(entry.getKey()), login(file, entry.getKey(), entry.getValue()));
        }
        return RegistryCredentials.of(logins);
    }

    private static RegistryCredentials.Login login(Path file, String registry, JsonNode auth) {
        String username = auth.path("username").asText("");
        String password = auth.path("password").asText("");
        if (username.isEmpty() && !auth.path("auth").asText("").isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.path("auth").asText()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": auths." + registry + ".auth is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(file + ": auths." + registry + ".auth is not user:password");
            }
            username = decoded.substring(0, colon);
            password = decoded.substring(colon + 1);
        }
        if (username.isEmpty()) {
            throw new IllegalArgumentException(file + ": auths." + registry + " gives no username nor auth");
        }
        return new RegistryCredentials.Login(username, password);
    }

    private static String host(String key) {
        String host = key.contains("://") ? URI.create(key).getAuthority() : key.replaceFirst("/.*$", "");
        return switch (host) {
            case "docker.io", "index.docker.io" -> "registry-1.docker.io";
            default -> host;
        };
    }
}
