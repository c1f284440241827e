package io.flotilla.observer.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseKey;

class ObjectOwnersTest {

    static final ReleaseKey WEB = new ReleaseKey("dev", "apps", "web");
    static final ReleaseKey SHARED = new ReleaseKey("dev", "apps", "shared");
    static final ObjectRef SERVICE_ACCOUNT = new ObjectRef("v1", "ServiceAccount", "apps", "web");
    static final ObjectRef DEPLOYMENT = new ObjectRef("apps/v1", "Deployment", "apps", "web");

    final ObjectOwners owners = new ObjectOwners();

    @Test
    void anObjectIsOwnedByEveryFollowedReleaseThatAppliedIt() {
        owners.add(WEB, List.of(SERVICE_ACCOUNT, DEPLOYMENT));
        owners.add(SHARED, List.of(SERVICE_ACCOUNT));

        assertThat(owners.of("dev", SERVICE_ACCOUNT)).containsExactlyInAnyOrder(WEB, SHARED);
        assertThat(owners.of("dev", DEPLOYMENT)).containsExactly(WEB);
        assertThat(owners.of("prod", DEPLOYMENT)).as("another cluster's object").isEmpty();
    }

    @Test
    void anObjectIsTheSameThroughAnyVersionOfItsGroup() {
        owners.add(WEB, List.of(DEPLOYMENT));

        assertThat(owners.followed("dev", new ObjectRef("apps/v1beta2", "Deployment", "apps", "web"))).isTrue();
    }

    @Test
    void anObjectIsNoLongerFollowedOnceTheLastReleaseThatAppliedItLetsGo() {
        owners.add(WEB, List.of(SERVICE_ACCOUNT, DEPLOYMENT));
        owners.add(SHARED, List.of(SERVICE_ACCOUNT));

        owners.remove(WEB, List.of(SERVICE_ACCOUNT, DEPLOYMENT));

        assertThat(owners.followed("dev", DEPLOYMENT)).isFalse();
        assertThat(owners.of("dev", SERVICE_ACCOUNT)).containsExactly(SHARED);
        owners.remove(SHARED, List.of(SERVICE_ACCOUNT));
        assertThat(owners.followed("dev", SERVICE_ACCOUNT)).isFalse();
    }
}
