package io.flotilla.launcher.cli;

/**
 * Where one of Flotilla's services answers and the token that proves who calls it: the local stack's address with
 * its admin token, or a server of the CLI's config file.
 *
 * @param url   the base URL, such as {@code http://localhost:8083} or a gateway's {@code https://flotilla.example.com}
 * @param token sent as {@code Authorization: Bearer <token>}; null to send none
 */
public record Endpoint(String url, String token) {

    /** An address called without a token: only what needs none answers (health, webhooks). */
    public static Endpoint at(String url) {
        return new Endpoint(url, null);
    }

    @Override
    public String toString() {
        return url;
    }
}
