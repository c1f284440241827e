package io.flotilla.applier.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flotilla.events.ReleaseKey;

/** What applying an object new to a release comes to, from the object of that name on the cluster. */
class ClaimTest {

    private static final ReleaseKey WEB = new ReleaseKey("dev", "apps", "web");

    @Test
    void anObjectNotOnTheClusterIsNew() {
        assertThat(Claim.of(WEB, "releases/web.yaml", null)).isEqualTo(new Claim(Claim.Kind.NEW, null));
    }

    @Test
    void anObjectNoReleaseMarksIsAdopted() {
        ObjectMeta createdByKubectl = new ObjectMetaBuilder().withName("legacy")
                .withAnnotations(Map.of("kubectl.kubernetes.io/last-applied-configuration", "{}")).build();

        assertThat(Claim.of(WEB, "releases/web.yaml", createdByKubectl).kind()).isEqualTo(Claim.Kind.ADOPT);
        assertThat(Claim.of(WEB, "releases/web.yaml", new ObjectMeta()).kind()).isEqualTo(Claim.Kind.ADOPT);
    }

    @Test
    void anObjectHelmInstalledForTheReleaseOfTheSameNameIsTakenOverAsTheReleasesOwn() {
        ObjectMeta installedByHelm = new ObjectMetaBuilder().withName("web")
                .addToLabels(OwnershipMarks.MANAGED_BY, "Helm")
                .addToAnnotations("meta.helm.sh/release-name", "web")
                .addToAnnotations("meta.helm.sh/release-namespace", "apps").build();
        ObjectMeta ofAnotherHelmRelease = new ObjectMetaBuilder().withName("web")
                .addToAnnotations("meta.helm.sh/release-name", "web")
                .addToAnnotations("meta.helm.sh/release-namespace", "staging").build();

        assertThat(Claim.of(WEB, "releases/web.yaml", installedByHelm)).isEqualTo(new Claim(Claim.Kind.OWN, null));
        assertThat(Claim.of(WEB, "releases/web.yaml", ofAnotherHelmRelease).kind()).isEqualTo(Claim.Kind.ADOPT);
    }

    @Test
    void anObjectMarkedAsTheReleasesOwnStaysItsOwnWhateverFileItNames() {
        assertThat(Claim.of(WEB, "releases/moved/web.yaml", marked("apps/web", "releases/web.yaml", false)))
                .isEqualTo(new Claim(Claim.Kind.OWN, null));
        assertThat(Claim.of(WEB, null, marked("apps/web", null, true)).kind()).isEqualTo(Claim.Kind.OWN);
    }

    @Test
    void anObjectAnotherReleaseOwnsIsRefusedNamingBothReleasesAndBothFiles() {
        Claim claim = Claim.of(WEB, "releases/web.yaml", marked("shared/settings", "common/settings.yaml", false));

        assertThat(claim.kind()).isEqualTo(Claim.Kind.REFUSE);
        assertThat(claim.refusal()).isEqualTo("declared by release apps/web in releases/web.yaml, but release "
                + "shared/settings (declared in common/settings.yaml) owns it; declare it in one of the two only, or, "
                + "if release shared/settings no longer needs it, remove its annotation flotilla.io/release so that "
                + "release apps/web adopts it");
    }

    @Test
    void aReleaseOfTheSameNameInAnotherNamespaceIsAnotherRelease() {
        assertThat(Claim.of(WEB, "releases/web.yaml", marked("staging/web", "releases/web.yaml", false)).kind())
                .isEqualTo(Claim.Kind.REFUSE);
    }

    static ObjectMeta marked(String release, String file, boolean adopted) {
        ObjectMetaBuilder metadata = new ObjectMetaBuilder().withName("settings")
                .addToLabels(OwnershipMarks.MANAGED_BY, OwnershipMarks.FLOTILLA)
                .addToAnnotations(OwnershipMarks.RELEASE, release);
        if (file != null) {
            metadata.addToAnnotations(OwnershipMarks.SOURCE_FILE, file);
        }
        if (adopted) {
            metadata.addToAnnotations(OwnershipMarks.ADOPTED, "true");
        }
        return metadata.build();
    }
}
