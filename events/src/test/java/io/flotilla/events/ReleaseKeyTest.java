package io.flotilla.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReleaseKeyTest {

    @Test
    void isClusterNamespaceAndName() {
        ReleaseKey key = new ReleaseKey("prod-eu", "payments", "api");

        assertThat(key.toString()).isEqualTo("prod-eu/payments/api");
        assertThat(ReleaseKey.parse("prod-eu/payments/api")).isEqualTo(key);
    }

    @Test
    void refusesKeysThatWouldNotRoundTrip() {
        assertThatThrownBy(() -> ReleaseKey.parse("prod/api")).hasMessageContaining("is not cluster/namespace/name");
        assertThatThrownBy(() -> new ReleaseKey("prod", "", "api")).hasMessageContaining("namespace");
        assertThatThrownBy(() -> new ReleaseKey("prod", "a/b", "api")).hasMessageContaining("no '/'");
    }
}
