package io.flotilla.renderer.chart;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP basic authentication, as Helm repositories and registries take it. */
final class BasicAuthorization {

    private BasicAuthorization() {
    }

    /** The {@code Authorization} header's value; no password is an empty one. */
    static String header(String username, String password) {
        String credentials = username + ":" + (password == null ? "" : password);
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
