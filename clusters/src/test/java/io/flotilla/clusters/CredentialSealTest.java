package io.flotilla.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CredentialSealTest {

    private final CredentialSeal seal = CredentialSeal.withKey(CredentialSeal.newKey());

    @Test
    void sealedCredentialsShowNothingOfThemAndUnsealToTheSame() {
        String sealed = seal.seal("token: abc123");

        assertThat(sealed).startsWith("v1:").doesNotContain("abc123");
        assertThat(seal.seal("token: abc123")).isNotEqualTo(sealed);
        assertThat(seal.unseal(sealed)).isEqualTo("token: abc123");
    }

    @Test
    void anAlteredValueDoesNotUnseal() {
        String sealed = seal.seal("token: abc123");
        char last = sealed.charAt(sealed.length() - 3);
        String altered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A')
                + sealed.substring(sealed.length() - 2);

        assertThatThrownBy(() -> seal.unseal(altered)).hasMessageContaining("altered");
    }

    @Test
    void aMissingOrShortKeyIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> CredentialSeal.withKey(null)).hasMessageContaining(CredentialSeal.PROPERTY);
        assertThatThrownBy(() -> CredentialSeal.withKey("c2hvcnQ=")).hasMessageContaining("must be 32 bytes");
    }
}
