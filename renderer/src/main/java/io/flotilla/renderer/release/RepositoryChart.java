package io.flotilla.renderer.release;

/**
 * A chart from a Helm HTTP repository: {@code index.yaml} at {@code url} says which versions exist.
 *
 * @param version  an exact version or a semver range ({@code >=1.2 <2}, {@code ^1.2}, {@code 1.x}); empty
 *                 for the latest stable version
 * @param username basic auth user, null for none
 */
public record RepositoryChart(String url, String name, String version, String field, String username,
        String password) implements ChartSource {

    @Override
    public String toString() {
        // The password stays out of logs and messages.
        return "RepositoryChart[" + url + ", " + name + ", " + version + "]";
    }
}
