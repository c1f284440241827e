package io.flotilla.imageupdater.webhook;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the pushes a registry webhook delivers, whichever registry sends it:
 * <ul>
 * <li>the distribution registry's notifications ({@code docker-registry}, Harbor's and GitLab's registries):
 * {@code {"events": [{"action": "push", "target": {"repository", "tag", "url"}, "request": {"host"}}]}}; pushes of
 * blobs and of manifests by digest carry no tag and are left out;</li>
 * <li>Docker Hub: {@code {"push_data": {"tag"}, "repository": {"repo_name"}}};</li>
 * <li>Harbor: {@code {"type": "PUSH_ARTIFACT", "event_data": {"resources": [{"tag", "resource_url"}],
 * "repository": {"repo_full_name"}}}};</li>
 * <li>GHCR, through GitHub's {@code package} (or older {@code registry_package}) event for a container package:
 * {@code {"package": {"namespace", "name", "package_version": {"container_metadata": {"tag": {"name"}}}}}}.</li>
 * </ul>
 */
public final class RegistryPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCKER_HUB = "registry-1.docker.io";

    private RegistryPayloads() {
    }

    /**
     * The pushes {@code body} tells of; none for an event that is no push (a pull, a deletion, a ping).
     *
     * @throws IllegalArgumentException when the body is not JSON or not in any of these shapes
     */
    public static List<RegistryPush> read(byte[] body) {
        JsonNode payload;
        try {
            payload = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("the webhook body is not JSON: " + e.getMessage());
        }
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("the webhook body is not a JSON object");
        }
        if (payload.has("events")) {
            return distribution(payload.path("events"));
        }
        if (payload.has("push_data")) {
            return dockerHub(payload);
        }
        if (payload.has("event_data")) {
            return harbor(payload);
        }
        if (payload.has("package") || payload.has("registry_package")) {
            return github(payload.has("package") ? payload.path("package") : payload.path("registry_package"),
                    payload.path("action").asText(""));
        }
        throw new IllegalArgumentException("the webhook body is none of the payloads known: a distribution"
                + " registry's notification (events), Docker Hub's (push_data), Harbor's (event_data) or GitHub's"
                + " package event (package)");
    }

    private static List<RegistryPush> distribution(JsonNode events) {
        List<RegistryPush> pushes = new ArrayList<>();
        for (JsonNode event : events) {
            JsonNode target = event.path("target");
            String tag = target.path("tag").asText("");
            if (!"push".equals(event.path("action").asText()) || tag.isEmpty()) {
                continue;
            }
            String host = hostOf(target.path("url").asText(""));
            if (host == null) {
                host = event.path("request").path("host").asText(null);
            }
            pushes.add(new RegistryPush(host, target.path("repository").asText(), tag));
        }
        return pushes;
    }

    private static List<RegistryPush> dockerHub(JsonNode payload) {
        String name = payload.path("repository").path("repo_name").asText("");
        String tag = payload.path("push_data").path("tag").asText("");
        if (name.isEmpty() || tag.isEmpty()) {
            return List.of();
        }
        return List.of(new RegistryPush(DOCKER_HUB, name.contains("/") ? name : "library/" + name, tag));
    }

    private static List<RegistryPush> harbor(JsonNode payload) {
        if (!"PUSH_ARTIFACT".equals(payload.path("type").asText())) {
            return List.of();
        }
        JsonNode data = payload.path("event_data");
        String name = data.path("repository").path("repo_full_name").asText("");
        List<RegistryPush> pushes = new ArrayList<>();
        for (JsonNode resource : data.path("resources")) {
            String tag = resource.path("tag").asText("");
            String url = resource.path("resource_url").asText("");
            if (!tag.isEmpty() && !name.isEmpty()) {
                pushes.add(new RegistryPush(url.contains("/") ? url.substring(0, url.indexOf('/')) : null, name, tag));
            }
        }
        return pushes;
    }

    private static List<RegistryPush> github(JsonNode pack, String action) {
        String type = pack.path("package_type").asText("").toLowerCase(Locale.ROOT);
        if (!action.equals("published") || !(type.equals("container") || type.equals("docker"))) {
            return List.of();
        }
        String owner = pack.path("namespace").asText(pack.path("owner").path("login").asText(""));
        String tag = pack.path("package_version").path("container_metadata").path("tag").path("name").asText("");
        if (owner.isEmpty() || tag.isEmpty()) {
            return List.of();
        }
        return List.of(new RegistryPush("ghcr.io", (owner + "/" + pack.path("name").asText())
                .toLowerCase(Locale.ROOT), tag));
    }

    private static String hostOf(String url) {
        if (url.isEmpty()) {
            return null;
        }
        try {
            return URI.create(url).getAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
