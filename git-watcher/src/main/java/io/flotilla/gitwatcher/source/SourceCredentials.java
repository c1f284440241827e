package io.flotilla.gitwatcher.source;

import java.nio.file.Path;

import io.flotilla.gitwatcher.mirror.RemoteAccess;

/**
 * How a source proves who it is: a username with a token or password (HTTPS), or the path of an SSH
 * private key with the known_hosts file that lists the server's key (SSH).
 */
public record SourceCredentials(String username, String password, String sshKey, String knownHosts) {

    public SourceCredentials {
        if (username == null && sshKey == null) {
            throw new IllegalArgumentException("credentials need a username (HTTPS) or an SSH key");
        }
        if (sshKey != null && knownHosts == null) {
            throw new IllegalArgumentException("SSH key " + sshKey
                    + " needs a known_hosts file listing the server's key (known-hosts)");
        }
        password = username != null && password == null ? "" : password;
    }

    /** The credentials given, or null when neither a username nor an SSH key is: the source is fetched without. */
    public static SourceCredentials ofAny(String username, String password, String sshKey, String knownHosts) {
        return username == null && sshKey == null ? null : new SourceCredentials(username, password, sshKey, knownHosts);
    }

    public RemoteAccess access() {
        return sshKey != null ? RemoteAccess.ssh(Path.of(sshKey), Path.of(knownHosts))
                : RemoteAccess.https(username, password);
    }

    /** Never the password: this can end up in a log. */
    @Override
    public String toString() {
        return sshKey != null ? "SSH key " + sshKey : "HTTPS user " + username;
    }
}
