package io.flotilla.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A file of API tokens, as a Kubernetes Secret mounted as a file or a file next to the configuration holds them: one
 * token a line, {@code <name> <role>[,<role>] sha256:<hex>}, then {@code tenants=<tenant>[,<tenant>]} for a tenant's
 * member (who sees and acts on that tenant's releases only), blank lines and {@code #} comments ignored. A line
 * that cannot be read stops the service with the file, the line and the reason, rather than leaving a holder locked
 * out without saying why.
 */
public final class TokensFile {

    private TokensFile() {
    }

    /**
     * The tokens {@code file} holds.
     *
     * @throws IllegalArgumentException naming the file, the line and what is wrong with it, or why it cannot be read
     */
    public static List<ApiToken> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("API tokens file " + file + " cannot be read: " + e, e);
        }
        List<ApiToken> tokens = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                tokens.add(token(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return tokens;
    }

    private static ApiToken token(String line) {
        String[] fields = line.split("\\s+");
        if (fields.length != 3 && fields.length != 4) {
            throw new IllegalArgumentException("a token line reads '<name> <role>[,<role>] sha256:<hex>"
                    + " [tenants=<tenant>[,<tenant>]]', not " + fields.length + " field(s)");
        }
        return new ApiToken(fields[0], roles(fields[0], List.of(fields[1].split(","))), fields[2],
                fields.length == 4 ? tenants(fields[0], fields[3]) : Set.of());
    }

    /** The tenants of {@code tenants=<tenant>[,<tenant>]}, the fourth field of token {@code name}'s line. */
    private static Set<String> tenants(String name, String field) {
        if (!field.startsWith("tenants=") || field.length() == "tenants=".length()) {
            throw new IllegalArgumentException("API token '" + name + "': the fourth field reads"
                    + " 'tenants=<tenant>[,<tenant>]', not '" + field + "'");
        }
        return Set.copyOf(List.of(field.substring("tenants=".length()).split(",")));
    }

    /**
     * The roles {@code ids} name for token {@code name}.
     *
     * @throws IllegalArgumentException naming the token and the word that is no role
     */
    public static Set<Role> roles(String name, List<String> ids) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String id : ids) {
            roles.add(Role.named(id).orElseThrow(() -> new IllegalArgumentException("API token '" + name
                    + "': role '" + id.strip() + "' is not " + Role.choices())));
        }
        return roles;
    }
}
