package io.flotilla.applier.ownership;

import static io.flotilla.applier.ownership.ClaimTest.marked;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.ReleaseKey;

/** Claiming a release's objects reads only those new to it that are on the cluster already. */
class ObjectClaimsTest {

    private static final ReleaseKey WEB = new ReleaseKey("dev", "apps", "web");
    private static final ObjectRef KNOWN = new ObjectRef("v1", "ConfigMap", "apps", "known");
    private static final ObjectRef FRESH = new ObjectRef("v1", "ConfigMap", "apps", "fresh");
    private static final ObjectRef LEGACY = new ObjectRef("v1", "Namespace", null, "legacy");
    private static final ObjectRef SHARED = new ObjectRef("v1", "ConfigMap", "apps", "shared");
    private static final ObjectRef LOST = new ObjectRef("apps/v1", "Deployment", "apps", "lost");

    private final List<ObjectRef> read = new ArrayList<>();
    private final Map<ObjectRef, ObjectMeta> cluster = Map.of(
            KNOWN, marked("apps/web", "releases/web.yaml", false),
            LEGACY, new ObjectMeta(),
            SHARED, marked("apps/other", "releases/other.yaml", false),
            LOST, marked("apps/web", "releases/web.yaml", false));

    @Test
    void readsNothingOnAnInstallToAnEmptyClusterNorOnAnUpgradeOfObjectsTheReleaseHas() {
        ObjectClaims install = claim(null, List.of(FRESH, KNOWN), List.of(), Set.of());
        ObjectClaims upgrade = claim(null, List.of(FRESH, KNOWN), List.of(KNOWN), Set.of(KNOWN));

        assertThat(read).isEmpty();
        assertThat(install.refused()).isEmpty();
        assertThat(upgrade.refused()).isEmpty();
        assertThat(install.adopts(FRESH) || install.adopts(KNOWN) || upgrade.adopts(KNOWN)).isFalse();
    }

    @Test
    void adoptsAnObjectNoReleaseMarksReadingOnlyIt() {
        ObjectClaims claims = claim("releases/web.yaml", List.of(KNOWN, LEGACY, FRESH), List.of(KNOWN),
                Set.of(KNOWN, LEGACY));

        assertThat(read).containsExactly(LEGACY);
        assertThat(claims.adopts(LEGACY)).isTrue();
        assertThat(claims.adopts(KNOWN)).isFalse();
        assertThat(claims.refused()).isEmpty();
    }

    @Test
    void refusesEachObjectAnotherReleaseOwns() {
        ObjectClaims claims = claim("releases/web.yaml", List.of(FRESH, SHARED), List.of(), Set.of(SHARED));

        assertThat(claims.refused()).extracting(ObjectResult::object).containsExactly(SHARED);
        assertThat(claims.refused().get(0).error()).startsWith("declared by release apps/web in releases/web.yaml, "
                + "but release apps/other (declared in releases/other.yaml) owns it");
    }

    @Test
    void anObjectOfTheReleaseItsInventoryLostIsItsOwnWithTheFileItIsMarkedWith() {
        ObjectClaims claims = claim(null, List.of(LOST), List.of(), Set.of(LOST));

        assertThat(claims.refused()).isEmpty();
        assertThat(claims.adopts(LOST)).isFalse();
        assertThat(claims.markedFile(LOST)).hasValue("releases/web.yaml");
    }

    @Test
    void theInventoryMatchesAnObjectThroughAnyVersionOfItsGroup() {
        ObjectRef beta = new ObjectRef("apps/v1beta1", "Deployment", "apps", "lost");

        claim(null, List.of(LOST), List.of(beta), Set.of(LOST));

        assertThat(read).isEmpty();
    }

    private ObjectClaims claim(String file, List<ObjectRef> objects, List<ObjectRef> inventory,
            Set<ObjectRef> onCluster) {
        return ObjectClaims.of(WEB, file, objects, inventory, onCluster::contains, ref -> {
            read.add(ref);
            return cluster.get(ref);
        });
    }
}
