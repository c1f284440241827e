package io.flotilla.launcher.cli;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.flotilla.launcher.cli.Arguments.UsageException;

/** A release as the command line names it: {@code <cluster>/<namespace>/<name>}. */
record ReleaseName(String cluster, String namespace, String name) {

    /**
     * What a command about one release is given: the release, and how to print ({@code -o}); nothing else.
     *
     * @param command the command's words, for messages ({@code history}, {@code describe release})
     */
    static Asked asked(String command, List<String> args) {
        Arguments arguments = Arguments.parse(command, Output.longForm(args), Set.of(Output.OPTION), Set.of(), 1);
        if (arguments.plain().isEmpty()) {
            throw new UsageException("'" + command + "' takes a release: <cluster>/<namespace>/<name>");
        }
        return new Asked(parse(arguments.plain().get(0)), Output.of(arguments));
    }

    /** A release and how to print what is read of it. */
    record Asked(ReleaseName release, Output output) {
    }

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
