package io.flotilla.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.clusters.CredentialSeal;

/** One credentials key per stack: made once, kept for its owner's eyes alone, the same at every start. */
class StackCredentialsKeyTest {

    @TempDir
    Path stateDir;

    @Test
    void aKeyIsMadeOnceAndTheSameOneIsGivenAtEveryStart() {
        String first = StackCredentialsKey.of(stateDir);
        String again = StackCredentialsKey.of(stateDir);

        assertThat(again).isEqualTo(first);
        String sealed = CredentialSeal.withKey(first).seal("kubeconfig of eu-3");
        assertThat(CredentialSeal.withKey(again).unseal(sealed)).isEqualTo("kubeconfig of eu-3");
        assertThat(StackCredentialsKey.of(stateDir.resolve("another-stack")))
                .as("another stack has a key of its own").isNotEqualTo(first);
    }

    @Test
    void theKeyFileIsReadableByItsOwnerAloneEvenWhenSomeoneOpenedItUp() throws IOException {
        StackCredentialsKey.of(stateDir);
        Path file = stateDir.resolve(StackCredentialsKey.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        StackCredentialsKey.of(stateDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aKeyFileThatHoldsNoKeyIsNamedAndNotReplaced() throws IOException {
        Path file = stateDir.resolve(StackCredentialsKey.FILE);
        Files.writeString(file, "not a key");

        assertThatThrownBy(() -> StackCredentialsKey.of(stateDir))
                .isInstanceOf(StackException.class)
                .hasMessageStartingWith(file + " holds no usable key (")
                .hasMessageContaining("delete the file to make a new one");
        assertThat(Files.readString(file)).isEqualTo("not a key");
    }
}
