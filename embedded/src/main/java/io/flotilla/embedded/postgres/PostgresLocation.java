package io.flotilla.embedded.postgres;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a PostgreSQL server is and who to log in as, read from a JDBC URL ({@code jdbc:postgresql://h:p/db?user=u})
 * or a libpq URI ({@code postgresql://u:pw@h:p/db}). The database in the URL is the one used to create others.
 */
record PostgresLocation(String host, int port, String database, String username, String password) {

    static final int DEFAULT_PORT = 5432;

    static PostgresLocation parse(String url, String username, String password) {
        String plain = url.strip().startsWith("jdbc:") ? url.strip().substring("jdbc:".length()) : url.strip();
        URI uri;
        try {
            uri = URI.create(plain);
        } catch (IllegalArgumentException e) {
            throw invalid(url, e.getMessage());
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw invalid(url, "it must start with jdbc:postgresql:// or postgresql://");
        }
        if (uri.getHost() == null) {
            throw invalid(url, "it names no host");
        }
        Map<String, String> query = query(uri.getRawQuery());
        String user = firstOf(username, userInfo(uri, 0), query.get("user"), "postgres");
        String secret = firstOf(password, userInfo(uri, 1), query.get("password"), "");
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new PostgresLocation(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
                path.isEmpty() ? "postgres" : path, user, secret);
    }

    String jdbcUrl(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }

    String reactiveUrl(String db) {
        return "postgresql://" + host + ":" + port + "/" + db;
    }

    PostgresLocation withDatabase(String db) {
        return new PostgresLocation(host, port, db, username, password);
    }

    @Override
    public String toString() {
        return username + "@" + host + ":" + port + "/" + database;
    }

    private static String userInfo(URI uri, int part) {
        if (uri.getRawUserInfo() == null) {
            return null;
        }
        String[] parts = uri.getRawUserInfo().split(":", 2);
        return part < parts.length ? decode(parts[part]) : null;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
        }
        return values;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String firstOf(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isEmpty()) {
                return candidate;
            }
        }
        return candidates[candidates.length - 1];
    }

    private static IllegalArgumentException invalid(String url, String reason) {
        String shown = url.contains("@") ? "..." + url.substring(url.lastIndexOf('@')) : url;
        return new IllegalArgumentException("FLOTILLA_DB_URL '" + shown + "' is not a PostgreSQL URL: " + reason
                + " (for example jdbc:postgresql://127.0.0.1:5432/postgres or postgresql://user:password@host:5432/postgres)");
    }
}
