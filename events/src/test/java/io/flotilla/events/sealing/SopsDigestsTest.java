package io.flotilla.events.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The digests the applier writes on an object decrypted from SOPS and the observer checks: a value changed by hand does
 * not match, a digest made before a rotation still matches while its key is in the ring, and none matches once its
 * key has left the ring.
 */
class SopsDigestsTest {

    private static final String OLD = KeyRing.newEntry("k1");
    private static final String NEW = KeyRing.newEntry("k2");

    @Test
    void aDigestMatchesItsValueAtItsPointerOnly() {
        SopsDigests digests = SopsDigests.withKeyRing(KeyRing.parse(OLD, "test"));
        String digest = digests.of("/stringData/password", "hunter2");

        assertThat(digest).startsWith("k1:").doesNotContain("hunter2");
        assertThat(digests.matches(digest, "/stringData/password", "hunter2")).isTrue();
        assertThat(digests.matches(digest, "/stringData/password", "changed by hand")).isFalse();
        assertThat(digests.matches(digest, "/stringData/user", "hunter2")).isFalse();
    }

    @Test
    void aRotationKeepsEarlierDigestsGoodUntilTheirKeyLeavesTheRing() {
        String before = SopsDigests.withKeyRing(KeyRing.parse(OLD, "test")).of("/data/token", "abc");

        SopsDigests rotated = SopsDigests.withKeyRing(KeyRing.parse(NEW + "," + OLD, "test"));
        assertThat(rotated.matches(before, "/data/token", "abc")).isTrue();
        assertThat(rotated.of("/data/token", "abc")).startsWith("k2:").isNotEqualTo(before);

        SopsDigests oldKeyGone = SopsDigests.withKeyRing(KeyRing.parse(NEW, "test"));
        assertThat(oldKeyGone.matches(before, "/data/token", "abc")).isFalse();
        assertThat(oldKeyGone.matches("no key id", "/data/token", "abc")).isFalse();
    }
}
