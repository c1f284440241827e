package io.flotilla.renderer.release;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.flotilla.git.secret.SourceAuth;

/**
 * The credentials a chart's remote dependencies are fetched with, as Flux's source-controller finds them: a
 * dependency's repository URL ({@code https://...} or {@code oci://...} in {@code Chart.yaml}) is matched against the
 * {@code spec.url} of the HelmRepositories the fleet defines, and the one that matches lends its {@code secretRef}
 * and {@code certSecretRef}. A dependency no HelmRepository matches is fetched without credentials, as before.
 */
public record DependencyLogins(Map<String, Login> byUrl) {

    public static final DependencyLogins NONE = new DependencyLogins(Map.of());

    public DependencyLogins {
        byUrl = Map.copyOf(byUrl);
    }

    /**
     * One repository's credentials.
     *
     * @param username from a Secret committed to the repository, null for none
     * @param auth     the Secrets the HelmRepository names, read when a dependency is fetched
     */
    public record Login(String username, String password, SourceAuth auth) {

        @Override
        public String toString() {
            // The password stays out of logs and messages.
            return "Login[" + username + "]";
        }
    }

    /** The credentials for a dependency's repository URL, when a HelmRepository of the fleet has that URL. */
    public Optional<Login> forRepository(String url) {
        return Optional.ofNullable(byUrl.get(normalised(url)));
    }

    static DependencyLogins of(Map<String, Login> byUrl) {
        Map<String, Login> normalised = new LinkedHashMap<>();
        byUrl.forEach((url, login) -> normalised.putIfAbsent(normalised(url), login));
        return new DependencyLogins(normalised);
    }

    /** {@code https://Charts.example.com/stable/} and {@code https://charts.example.com/stable} are one repository. */
    private static String normalised(String url) {
        String trimmed = url.strip().replaceAll("/+$", "");
        int authority = trimmed.indexOf("://");
        if (authority < 0) {
            return trimmed;
        }
        int path = trimmed.indexOf('/', authority + 3);
        String host = path < 0 ? trimmed : trimmed.substring(0, path);
        return host.toLowerCase(Locale.ROOT) + (path < 0 ? "" : trimmed.substring(path));
    }
}
