package io.flotilla.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.events.sealing.KeyRing;

/** One key ring per stack: made once, kept for its owner's eyes alone, the same at every start, rotated by hand. */
class StackSecretKeysTest {

    @TempDir
    Path stateDir;

    @Test
    void theKeysAreMadeOnceForTheOwnerAloneAndOpenWhatTheySealedAtTheNextStart() throws IOException {
        Path file = StackSecretKeys.of(stateDir);
        String sealed = KeyRing.read(file).newDataKey().seal("password of the fleet's Git host", "source fleet");

        Path again = StackSecretKeys.of(stateDir);

        assertThat(again).isEqualTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(KeyRing.read(again).open(sealed, "source fleet")).isEqualTo("password of the fleet's Git host");
    }

    @Test
    void aNewKeyPutFirstSealsAndTheOldOneStillOpens() throws IOException {
        Path file = StackSecretKeys.of(stateDir);
        KeyRing before = KeyRing.read(file);
        String sealed = before.newDataKey().seal("token", "source fleet");

        Files.writeString(file, KeyRing.newEntry("rotated") + "\n" + Files.readString(file));
        KeyRing after = KeyRing.read(StackSecretKeys.of(stateDir));

        assertThat(after.currentId()).isEqualTo("rotated");
        assertThat(after.open(sealed, "source fleet")).isEqualTo("token");
        assertThat(before.currentId()).startsWith("local-");
    }

    @Test
    void aKeyFileThatHoldsNoKeyIsNamedAndNotReplaced() throws IOException {
        Path file = stateDir.resolve(StackSecretKeys.FILE);
        Files.writeString(file, "not a key");

        assertThatThrownBy(() -> StackSecretKeys.of(stateDir)).isInstanceOf(StackException.class)
                .hasMessageStartingWith(file + " holds no usable key ring (")
                .hasMessageContaining("delete the file to make a new one");
        assertThat(Files.readString(file)).isEqualTo("not a key");
    }
}
