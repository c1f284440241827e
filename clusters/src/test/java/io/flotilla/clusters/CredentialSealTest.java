package io.flotilla.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.flotilla.events.sealing.KeyRing;

class CredentialSealTest {

    private static final String OLD_KEY = KeyRing.newEntry("k1");
    private static final String NEW_KEY = KeyRing.newEntry("k2");
    /** The single key of before ({@code flotilla.clusters.credentials-key}) and what it sealed then. */
    private static final String EARLIER_KEY = "tgrRK6rCUTEixDLMY+oudxtGkjk9qTVEqQKhFLKT1Vc=";
    private static final String SEALED_BEFORE = "v1:O1uHF1gmpZ2SpPfc9s/exx93Ipcir3ZXTB/Sv8rGyyjzQ++L9QSTmZxmx366iQ==";

    private static CredentialSeal ring(String entries) {
        return CredentialSeal.with(KeyRing.parse(entries, "the test's ring"), Optional.empty());
    }

    @Test
    void sealedCredentialsShowNothingOfThemAndUnsealToTheSame() {
        CredentialSeal seal = ring(OLD_KEY);
        String sealed = seal.seal("eu-1", "token: abc123");

        assertThat(sealed).startsWith("sealed:v1:k1:").doesNotContain("abc123");
        assertThat(seal.seal("eu-1", "token: abc123")).isNotEqualTo(sealed);
        assertThat(seal.unseal("eu-1", sealed)).isEqualTo("token: abc123");
    }

    @Test
    void credentialsSealedWithTheOldKeyOpenAfterANewKeyIsAddedAndNewSealsUseTheNewKey() {
        String sealedWithOld = ring(OLD_KEY).seal("eu-1", "kubeconfig of eu-1");
        CredentialSeal rotated = ring(NEW_KEY + "\n" + OLD_KEY);

        assertThat(rotated.unseal("eu-1", sealedWithOld)).isEqualTo("kubeconfig of eu-1");
        assertThat(rotated.sealedWithCurrentKey(sealedWithOld)).as("to be sealed again by the observer").isFalse();
        String sealedWithNew = rotated.seal("eu-1", "kubeconfig of eu-1");
        assertThat(sealedWithNew).startsWith("sealed:v1:k2:");
        assertThat(rotated.sealedWithCurrentKey(sealedWithNew)).isTrue();
        assertThat(ring(NEW_KEY).unseal("eu-1", sealedWithNew)).isEqualTo("kubeconfig of eu-1");
    }

    @Test
    void credentialsSealedOnlyWithARemovedKeyFailNamingTheClusterAndWhatToDo() {
        String sealedWithOld = ring(OLD_KEY).seal("eu-1", "kubeconfig of eu-1");

        assertThatThrownBy(() -> ring(NEW_KEY).unseal("eu-1", sealedWithOld))
                .hasMessageStartingWith("cluster eu-1: its credentials do not open: sealed with the key k1, which is"
                        + " not in the key ring")
                .hasMessageContaining("Register the cluster again")
                .hasMessageContaining("give back the key that sealed them, so that the observer seals them again")
                .hasMessageNotContaining("kubeconfig of eu-1");
    }

    @Test
    void credentialsSealedBeforeTheRingOpenWithTheEarlierKeyAndAreNotTakenForSealedWithTheCurrentOne() {
        CredentialSeal seal = CredentialSeal.with(KeyRing.parse(NEW_KEY, "the test's ring"), Optional.of(EARLIER_KEY));

        assertThat(seal.unseal("eu-1", SEALED_BEFORE)).isEqualTo("kubeconfig of eu-1");
        assertThat(seal.sealedWithCurrentKey(SEALED_BEFORE)).isFalse();
        assertThatThrownBy(() -> ring(NEW_KEY).unseal("eu-1", SEALED_BEFORE))
                .hasMessageContaining("cluster eu-1: its credentials do not open: they were sealed with "
                        + CredentialSeal.EARLIER_KEY + ", which is not set");
    }

    @Test
    void credentialsMovedToAnotherClusterOrAlteredDoNotOpen() {
        CredentialSeal seal = ring(OLD_KEY);
        String sealed = seal.seal("eu-1", "token: abc123");
        int at = sealed.length() - 3;
        String altered = sealed.substring(0, at) + (sealed.charAt(at) == 'A' ? 'B' : 'A') + sealed.substring(at + 1);

        assertThatThrownBy(() -> seal.unseal("us-1", sealed)).hasMessageStartingWith("cluster us-1:")
                .hasMessageContaining("moved from another place");
        assertThatThrownBy(() -> seal.unseal("eu-1", altered)).hasMessageContaining("altered");
        assertThatThrownBy(() -> seal.unseal("eu-1", "token: abc123")).hasMessageContaining("not sealed")
                .hasMessageNotContaining("abc123");
    }

    @Test
    void aMalformedEarlierKeyIsRefusedNamingTheProperty() {
        KeyRing ring = KeyRing.parse(NEW_KEY, "the test's ring");

        assertThatThrownBy(() -> CredentialSeal.with(ring, Optional.of("c2hvcnQ=")))
                .hasMessageContaining(CredentialSeal.EARLIER_KEY).hasMessageContaining("must be 32 bytes");
    }
}
