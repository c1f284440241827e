package io.flotilla.clusters;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ClusterLabelsTest {

    @Test
    void kubernetesLabelsAreAccepted() {
        assertThatCode(() -> ClusterLabels.check(Map.of("env", "prod", "topology.kubernetes.io/region", "eu-west-1",
                "empty", ""))).doesNotThrowAnyException();
        assertThatCode(() -> ClusterLabels.checkName("eu-3")).doesNotThrowAnyException();
    }

    @Test
    void anInvalidLabelIsRefusedWithTheReason() {
        assertThatThrownBy(() -> ClusterLabels.check("env", "prod eu")).hasMessageContaining("env=prod eu")
                .hasMessageContaining("at most 63 characters");
        assertThatThrownBy(() -> ClusterLabels.check("-env", "x")).hasMessageContaining("label key '-env'");
        assertThatThrownBy(() -> ClusterLabels.check("Example.com/env", "x")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> ClusterLabels.check("env", "a".repeat(64))).hasMessageContaining("is not valid");
        assertThatThrownBy(() -> ClusterLabels.checkName("EU_3")).hasMessageContaining("cluster name 'EU_3'");
    }
}
