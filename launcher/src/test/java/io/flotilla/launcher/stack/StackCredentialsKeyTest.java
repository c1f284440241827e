package io.flotilla.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credentials key of a stack made before the key ring sealed cluster credentials: handed on while it is kept,
 * for its owner's eyes alone; a stack made since has none and gets none.
 */
class StackCredentialsKeyTest {

    @TempDir
    Path stateDir;

    @Test
    void aStackMadeSinceTheKeyRingHasNoCredentialsKeyAndMakesNone() {
        assertThat(StackCredentialsKey.earlier(stateDir)).isEmpty();
        assertThat(stateDir.resolve(StackCredentialsKey.FILE)).doesNotExist();
    }

    @Test
    void aStackMadeBeforeHandsItsKeyOnReadableByItsOwnerAlone() throws IOException {
        Path file = stateDir.resolve(StackCredentialsKey.FILE);
        Files.writeString(file, "tgrRK6rCUTEixDLMY+oudxtGkjk9qTVEqQKhFLKT1Vc=\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(StackCredentialsKey.earlier(stateDir)).contains("tgrRK6rCUTEixDLMY+oudxtGkjk9qTVEqQKhFLKT1Vc=");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
