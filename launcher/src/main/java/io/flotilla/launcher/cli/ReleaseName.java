package io.flotilla.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.launcher.cli.Arguments.UsageException;

/** A release as the command line names it: {@code <cluster>/<namespace>/<name>}. */
record ReleaseName(String cluster, String namespace, String name) {

    static ReleaseName parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
            throw new UsageException("a release is named <cluster>/<namespace>/<name>, not '" + text + "'");
        }
        return new ReleaseName(parts[0], parts[1], parts[2]);
    }

    /** Its path under {@code api/releases/}. */
    String path() {
        return cluster + "/" + namespace + "/" + name;
    }

    boolean is(JsonNode release) {
        return cluster.equals(release.path("cluster").asText()) && namespace.equals(release.path("namespace").asText())
                && name.equals(release.path("name").asText());
    }

    @Override
    public String toString() {
        return path();
    }
}
