package io.flotilla.applier.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;

class ApplyReportTest {

    private final ObjectRef configMap = new ObjectRef("v1", "ConfigMap", "apps", "settings");
    private final ObjectRef deployment = new ObjectRef("apps/v1", "Deployment", "apps", "web");

    @Test
    void aReleaseWhoseObjectsAreAllAppliedIsReady() {
        ApplyReport report = ApplyReport.of(Outcome.Ready, List.of(ObjectResult.applied(configMap), ObjectResult.applied(deployment)));

        assertThat(report.outcome()).isEqualTo(Outcome.Ready);
        assertThat(report.error()).isNull();
    }

    @Test
    void aFailedObjectFailsTheReleaseNamingTheObjectAndTheReason() {
        ApplyReport report = ApplyReport.of(Outcome.Ready, List.of(ObjectResult.applied(configMap),
                ObjectResult.failed(deployment, "spec.replicas: Invalid value: -1")));

        assertThat(report.outcome()).isEqualTo(Outcome.Failed);
        assertThat(report.error()).isEqualTo(
                "1 of 2 objects failed: Deployment apps/web: spec.replicas: Invalid value: -1");
        assertThat(report.objects()).hasSize(2);
    }
}
