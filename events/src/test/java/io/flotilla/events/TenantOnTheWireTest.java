package io.flotilla.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class TenantOnTheWireTest {

    private static final ReleaseKey KEY = ReleaseKey.parse("dev/team-a/web");

    @Test
    void aRenderingKeepsItsTenantAndServiceAccountAcrossTheWire() {
        Tenant tenant = new Tenant("team-a", List.of("team-a", "team-a-*"), List.of("Deployment", "Service"),
                "team-a", "flotilla-tenant-team-a");
        ReleaseRendered rendered = ReleaseRendered.builder().release(KEY).sourceFile("teams/a/web.yaml")
                .options(ReleaseOptions.builder().serviceAccount("team-a/deployer").build()).tenant(tenant).build();

        ReleaseRendered read = EventCodec.decode(EventCodec.encode(Envelope.first("renderer", rendered)),
                ReleaseRendered.class).payload();

        assertThat(read.tenant()).isEqualTo(tenant);
        assertThat(read.tenant().user()).isEqualTo("system:serviceaccount:team-a:flotilla-tenant-team-a");
        assertThat(read.options().serviceAccount()).isEqualTo("team-a/deployer");
    }

    @Test
    void aRenderingOfThePlatformTeamHasNoTenant() {
        String platform = EventCodec.encode(Envelope.first("renderer", ReleaseRendered.builder().release(KEY).build()));

        assertThat(EventCodec.decode(platform, ReleaseRendered.class).payload().tenant()).isNull();
    }
}
