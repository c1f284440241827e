package io.flotilla.applier.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.flotilla.events.ReleaseKey;

/** The marks on what Flotilla applies. */
class OwnershipMarksTest {

    private static final ReleaseKey WEB = new ReleaseKey("dev", "apps", "web");

    @Test
    void marksTheReleaseWithoutItsClusterAndTheFileBesideWhatWasRendered() {
        ConfigMap object = new ConfigMapBuilder().withNewMetadata().withName("web").addToLabels("app", "web")
                .addToAnnotations("note", "kept").endMetadata().build();

        OwnershipMarks.mark(object, WEB, "releases/web.yaml");

        assertThat(object.getMetadata().getLabels()).isEqualTo(Map.of("app", "web",
                "app.kubernetes.io/managed-by", "flotilla"));
        assertThat(object.getMetadata().getAnnotations()).isEqualTo(Map.of("note", "kept",
                "flotilla.io/release", "apps/web", "flotilla.io/source-file", "releases/web.yaml"));
    }

    @Test
    void leavesAManagedByLabelTheRenderingSetsAsRenderedSoThatItIsNoDrift() {
        ConfigMap object = new ConfigMapBuilder().withNewMetadata().withName("web")
                .addToLabels("app.kubernetes.io/managed-by", "Helm").endMetadata().build();

        OwnershipMarks.mark(object, WEB, "releases/web.yaml");

        assertThat(object.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "Helm");
        assertThat(object.getMetadata().getAnnotations()).containsEntry("flotilla.io/release", "apps/web");
    }

    @Test
    void disowningTakesOffTheAnnotationsAndOnlyItsOwnLabel() {
        assertThat(OwnershipMarks.disowning(ClaimTest.marked("apps/web", "releases/web.yaml", true)))
                .isEqualTo("{\"metadata\":{\"annotations\":{\"flotilla.io/release\":null,"
                        + "\"flotilla.io/source-file\":null},\"labels\":{\"app.kubernetes.io/managed-by\":null}}}");
        assertThat(OwnershipMarks.disowning(new ConfigMapBuilder().withNewMetadata().withName("web")
                .addToLabels("app.kubernetes.io/managed-by", "Helm").endMetadata().build().getMetadata()))
                .isEqualTo("{\"metadata\":{\"annotations\":{\"flotilla.io/release\":null,"
                        + "\"flotilla.io/source-file\":null}}}");
    }

    @Test
    void aFileNotKnownIsLeftOut() {
        ConfigMap object = new ConfigMapBuilder().withNewMetadata().withName("web").endMetadata().build();

        OwnershipMarks.mark(object, WEB, null);

        assertThat(object.getMetadata().getAnnotations()).isEqualTo(Map.of("flotilla.io/release", "apps/web"));
    }
}
