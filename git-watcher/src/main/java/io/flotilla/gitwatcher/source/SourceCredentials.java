package io.flotilla.gitwatcher.source;

import java.nio.file.Path;

import io.flotilla.git.RemoteAccess;
import io.flotilla.git.secret.SecretRef;
import io.flotilla.git.secret.SourceSecrets;

/**
 * How a source proves who it is: a username with a token or password (HTTPS), the path of an SSH private key with
 * the known_hosts file that lists the server's key (SSH), or a Secret named {@code namespace/name} holding either
 * under Flux's keys ({@code username}/{@code password}, {@code bearerToken}, {@code identity}/{@code known_hosts}),
 * read where Flotilla keeps Secrets at each fetch and push.
 */
public record SourceCredentials(String username, String password, String sshKey, String knownHosts, String secret) {

    public SourceCredentials {
        if ((username != null ? 1 : 0) + (sshKey != null ? 1 : 0) + (secret != null ? 1 : 0) != 1) {
            throw new IllegalArgumentException("credentials need one of a username (HTTPS), an SSH key or a secret"
                    + " (namespace/name)");
        }
        if (sshKey != null && knownHosts == null) {
            throw new IllegalArgumentException("SSH key " + sshKey
                    + " needs a known_hosts file listing the server's key (known-hosts)");
        }
        if (secret != null) {
            SecretRef.parse(secret);
        }
        password = username != null && password == null ? "" : password;
    }

    /** The credentials given, or null when none is: the source is fetched without. */
    public static SourceCredentials ofAny(String username, String password, String sshKey, String knownHosts,
            String secret) {
        return username == null && sshKey == null && secret == null ? null
                : new SourceCredentials(username, password, sshKey, knownHosts, secret);
    }

    /**
     * @param secrets where the {@link #secret()} is read
     * @param usedBy  the source in messages
     */
    public RemoteAccess access(SourceSecrets secrets, String usedBy) {
        if (secret != null) {
            return RemoteAccess.fromSecret(secrets, SecretRef.parse(secret), usedBy);
        }
        return sshKey != null ? RemoteAccess.ssh(Path.of(sshKey), Path.of(knownHosts))
                : RemoteAccess.https(username, password);
    }

    /** Never the password: this can end up in a log. */
    @Override
    public String toString() {
        return secret != null ? "Secret " + secret : sshKey != null ? "SSH key " + sshKey : "HTTPS user " + username;
    }
}
