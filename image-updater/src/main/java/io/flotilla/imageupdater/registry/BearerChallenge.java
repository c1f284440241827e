package io.flotilla.imageupdater.registry;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry's {@code WWW-Authenticate: Bearer realm="...",service="...",scope="..."}: where to ask for a token
 * (the realm), for which service and scope. The token URL carries service and scope as query parameters, as the
 * distribution token protocol asks.
 */
public record BearerChallenge(String realm, String service, String scope) {

    private static final Pattern PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** The bearer challenge in {@code header}; empty if the header asks for another scheme (or is absent). */
    public static Optional<BearerChallenge> parse(String header) {
        if (header == null || !header.trim().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher matcher = PARAMETER.matcher(header.trim().substring(7));
        while (matcher.find()) {
            parameters.put(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2));
        }
        String realm = parameters.get("realm");
        if (realm == null || realm.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new BearerChallenge(realm, parameters.get("service"), parameters.get("scope")));
    }

    /** The realm with {@code service} and {@code scope} (either left out when the challenge has none). */
    public URI tokenUri() {
        StringBuilder query = new StringBuilder();
        append(query, "service", service);
        append(query, "scope", scope);
        if (query.isEmpty()) {
            return URI.create(realm);
        }
        return URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
