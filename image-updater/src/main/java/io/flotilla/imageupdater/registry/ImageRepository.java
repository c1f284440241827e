package io.flotilla.imageupdater.registry;

import java.net.URI;

/**
 * An image repository in a registry, as an image reference names it without its tag: {@code ghcr.io/org/app},
 * {@code 127.0.0.1:5000/team/app}, or a Docker Hub short form ({@code myorg/podinfo}, {@code nginx}), which is
 * {@code registry-1.docker.io} and, for one name, {@code library/}; so are names under {@code docker.io/} and
 * {@code index.docker.io/}, as Helm charts often give them. {@code insecure} speaks plain HTTP, as Flux's
 * {@code spec.insecure} asks.
 */
public record ImageRepository(String registry, String name, boolean insecure) {

    private static final String DOCKER_HUB = "registry-1.docker.io";

    public ImageRepository {
        if (registry == null || registry.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("an image repository needs a registry and a name");
        }
    }

    /** The repository {@code reference} names (a tag or digest on it is refused: name the repository alone). */
    public static ImageRepository parse(String reference, boolean insecure) {
        String value = reference.trim();
        if (value.contains("@") || value.lastIndexOf(':') > value.lastIndexOf('/')) {
            throw new IllegalArgumentException("image repository '" + reference
                    + "' names a tag or digest: give the repository alone, such as ghcr.io/org/app");
        }
        int slash = value.indexOf('/');
        String first = slash < 0 ? "" : value.substring(0, slash);
        String rest = value.substring(slash + 1);
        if (first.equals("docker.io") || first.equals("index.docker.io")) {
            return new ImageRepository(DOCKER_HUB, rest.contains("/") ? rest : "library/" + rest, insecure);
        }
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            return new ImageRepository(first, rest, insecure);
        }
        return new ImageRepository(DOCKER_HUB, slash < 0 ? "library/" + value : value, insecure);
    }

    /** {@code http(s)://registry/v2/name/} followed by {@code path}. */
    URI uri(String path) {
        return URI.create((insecure ? "http://" : "https://") + registry + "/v2/" + name + "/" + path);
    }

    @Override
    public String toString() {
        return registry + "/" + name;
    }
}
