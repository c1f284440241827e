package io.flotilla.git.outbound;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class OutboundPolicyTest {

    private final OutboundPolicy policy = OutboundPolicy.publicOnly();

    @Test
    void aPathOnFlotillasOwnDiskIsRefusedWhateverItsSpelling() {
        for (String location : List.of("file:///etc", "/srv/fleet", "../fleet.git")) {
            assertThatThrownBy(() -> policy.check("repository", location))
                    .isInstanceOf(OutboundRefusedException.class)
                    .hasMessageContaining("repository " + location + " is refused")
                    .hasMessageContaining("file").hasMessageContaining("flotilla.outbound.schemes=https,ssh");
        }
    }

    @Test
    void plainHttpIsRefusedUnlessAllowed() {
        assertThatThrownBy(() -> policy.check("chart repository", "http://203.0.113.7/charts"))
                .hasMessageContaining("http is not an allowed scheme");
        assertThatCode(() -> new OutboundPolicy(Set.of("https", "http"), false, List.of())
                .check("chart repository", "http://203.0.113.7/charts")).doesNotThrowAnyException();
    }

    @Test
    void everyKindOfNonPublicAddressIsRefusedNamingItsKindAndTheSettingsThatAllowIt() {
        assertThatThrownBy(() -> policy.check("repository", "https://127.0.0.1:5432/fleet"))
                .hasMessageContaining("127.0.0.1 is a loopback address")
                .hasMessageContaining("flotilla.outbound.hosts=127.0.0.1")
                .hasMessageContaining("flotilla.outbound.private-addresses=true");
        assertThatThrownBy(() -> policy.check("values", "https://169.254.169.254/latest/meta-data"))
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> policy.check("repository", "https://10.1.2.3/fleet")).hasMessageContaining("private");
        assertThatThrownBy(() -> policy.check("repository", "https://192.168.0.10/fleet"))
                .hasMessageContaining("private");
        assertThatThrownBy(() -> policy.check("repository", "https://100.64.0.1/fleet"))
                .hasMessageContaining("shared");
        assertThatThrownBy(() -> policy.check("repository", "ssh://git@[::1]/team/app.git"))
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> policy.check("repository", "https://[fd00::1]/fleet"))
                .hasMessageContaining("unique-local");
        assertThatThrownBy(() -> policy.check("repository", "git@localhost:team/app.git"))
                .hasMessageContaining("localhost (127.0.0.1) is a loopback address");
        assertThatThrownBy(() -> policy.check("registry", "oci://127.0.0.1:5000/charts/app"))
                .hasMessageContaining("loopback");
    }

    @Test
    void publicAddressesOverHttpsSshAndOciAreAllowed() {
        for (String location : List.of("https://203.0.113.7/team/app.git", "git@203.0.113.7:team/app.git",
                "ssh://git@203.0.113.7:2222/team/app", "oci://203.0.113.7/charts/app")) {
            assertThatCode(() -> policy.check("repository", location)).as(location).doesNotThrowAnyException();
        }
    }

    @Test
    void aListedHostOrPrivateAddressesAllowedLetNonPublicOnesThrough() {
        OutboundPolicy listed = new OutboundPolicy(Set.of("https"), false, List.of("127.0.0.1"));
        OutboundPolicy any = new OutboundPolicy(Set.of("https"), true, List.of());

        assertThatCode(() -> listed.check("repository", "https://127.0.0.1:8443/fleet")).doesNotThrowAnyException();
        assertThatThrownBy(() -> listed.check("repository", "https://10.0.0.1/fleet")).hasMessageContaining("private");
        assertThatCode(() -> any.check("repository", "https://10.0.0.1/fleet")).doesNotThrowAnyException();
        assertThatCode(() -> OutboundPolicy.anywhere().check("repository", "/srv/fleet")).doesNotThrowAnyException();
    }
}
