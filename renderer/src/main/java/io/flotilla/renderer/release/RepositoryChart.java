package io.flotilla.renderer.release;

import io.flotilla.git.secret.SourceAuth;

/**
 * A chart from a Helm HTTP repository: {@code index.yaml} at {@code url} says which versions exist.
 *
 * @param version  an exact version or a semver range ({@code >=1.2 <2}, {@code ^1.2}, {@code 1.x}); empty
 *                 for the latest stable version
 * @param username basic auth user from a Secret committed to the repository, null for none
 * @param auth     the Secrets the HelmRepository names, read when the chart is fetched
 */
public record RepositoryChart(String url, String name, String version, String field, String username,
        String password, SourceAuth auth) implements ChartSource {

    /** A chart of a repository that names no Secret (Flux v1's {@code spec.chart.repository}). */
    public RepositoryChart(String url, String name, String version, String field, String username, String password) {
        this(url, name, version, field, username, password, SourceAuth.NONE);
    }

    @Override
    public String toString() {
        // The password stays out of logs and messages.
        return "RepositoryChart[" + url + ", " + name + ", " + version + "]";
    }
}
