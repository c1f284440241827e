package io.flotilla.launcher.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.flotilla.security.TokenHash;

/**
 * The local stack's admin API token: made once per state directory and kept there in {@value #FILE}, readable by its
 * owner alone, so scripts and browser logins that use it keep working after {@code down} and {@code up}. The services
 * get only its hash, as {@code flotilla.auth.tokens.}{@value #NAME}{@code .*}; the command line reads the file and
 * sends the token to the stack here ({@code Authorization: Bearer}), and a person pastes it into the dashboard's login.
 */
public final class StackAdminToken {

    public static final String FILE = "admin-token";
    /** The name the services know the token by: who they say called. */
    public static final String NAME = "local-admin";

    private StackAdminToken() {
    }

    /** The stack's admin token: the one kept in {@code stateDir}, else a new one, kept there from now on. */
    public static String of(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        try {
            return StackSecretFile.readOrCreate(file, TokenHash::newToken);
        } catch (IOException e) {
            throw new StackException("cannot keep the stack's admin token in " + file + ": " + e.getMessage(), e);
        }
    }

    /** The admin token of the stack kept in {@code stateDir}, if one was made; it is not made here. */
    public static Optional<String> read(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file).strip());
        } catch (IOException e) {
            throw new StackException("cannot read the stack's admin token " + file + ": " + e.getMessage(), e);
        }
    }

    /** The system properties that make a service accept {@code token} as an admin: its hash, never the token. */
    public static List<String> serviceProperties(String token) {
        return List.of("-Dflotilla.auth.tokens." + NAME + ".hash=" + TokenHash.of(token),
                "-Dflotilla.auth.tokens." + NAME + ".roles=admin");
    }
}
