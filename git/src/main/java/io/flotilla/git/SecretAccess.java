package io.flotilla.git;

import org.eclipse.jgit.api.TransportCommand;

import io.flotilla.git.secret.SecretRef;
import io.flotilla.git.secret.SourceSecret;
import io.flotilla.git.secret.SourceSecrets;

/**
 * A source's access from its Secret, read again at each command: the same data keeps the same access (an SSH
 * client is not started anew at every poll); changed data (a rotation) makes a new one and lets the old go.
 */
final class SecretAccess implements RemoteAccess {

    private final SourceSecrets secrets;
    private final SecretRef ref;
    private final String usedBy;
    private String digest;
    private RemoteAccess current = RemoteAccess.NONE;

    SecretAccess(SourceSecrets secrets, SecretRef ref, String usedBy) {
        this.secrets = secrets;
        this.ref = ref;
        this.usedBy = usedBy;
    }

    /** @throws io.flotilla.git.secret.SourceSecretException when the Secret is missing or unusable */
    @Override
    public void configure(TransportCommand<?, ?> command) {
        access().configure(command);
    }

    private synchronized RemoteAccess access() {
        SourceSecret secret = secrets.require(ref, usedBy);
        if (!secret.digest().equals(digest)) {
            RemoteAccess replaced = current;
            current = GitCredentials.access(secret, usedBy);
            digest = secret.digest();
            replaced.close();
        }
        return current;
    }

    @Override
    public String credentials() {
        return "Secret " + ref;
    }

    @Override
    public synchronized void close() {
        current.close();
    }
}
