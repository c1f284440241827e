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

    @Test
    void aTenantsReleaseOutsideItsNamespacesIsSaidToBreakItsRulesItselfNotCountedAmongItsObjects() {
        ObjectResult ofRelease = ObjectResult.failed(new ObjectRef("v1", "Namespace", null, "kube-system"),
                "apps/web.yaml: rule namespace: the release's namespace 'kube-system' is not among tenant 'team-a''s");

        ApplyReport releaseOnly = ApplyReport.outsideTenant(List.of(ofRelease), List.of(), 2, "team-a");
        ApplyReport both = ApplyReport.outsideTenant(List.of(ofRelease), List.of(ObjectResult.failed(configMap,
                "apps/web.yaml (rendered object #1): rule kind: ConfigMap (v1) is not among the kinds")), 2, "team-a");

        assertThat(releaseOnly.outcome()).isEqualTo(Outcome.Failed);
        assertThat(releaseOnly.error()).startsWith("tenant 'team-a': the release breaks its rules; nothing was applied:"
                + " Namespace kube-system: apps/web.yaml: rule namespace");
        assertThat(both.error()).startsWith("tenant 'team-a': the release and 1 of 2 objects break its rules;");
        assertThat(both.objects()).hasSize(2);
    }
}
