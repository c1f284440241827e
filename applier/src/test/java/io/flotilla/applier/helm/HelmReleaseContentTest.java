package io.flotilla.applier.helm;

import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.applier.Manifests.hook;
import static io.flotilla.applier.Manifests.job;
import static io.flotilla.applier.Manifests.widgetDefinition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.flotilla.applier.Renders;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ObjectAction;
import io.flotilla.events.ObjectRef;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.ReleaseKey;

class HelmReleaseContentTest {

    private static final ReleaseKey WEB = new ReleaseKey("dev", "apps", "web");
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void hooksAreRecordedApartWithTheirPhasesWeightPoliciesAndLastRunAsHelmKeepsThem() {
        DesiredRelease desired = DesiredRelease.of(Renders.chart(WEB, "d1", List.of(widgetDefinition(),
                configMap("web", null, Map.of("v", "1")),
                hook(job("migrate"), "pre-upgrade,pre-install", "-5", "hook-succeeded,before-hook-creation"),
                hook(job("smoke"), "test-success", null, null),
                hook(job("farewell"), "pre-delete", null, null))));
        List<ObjectResult> results = List.of(ObjectResult.applied(new ObjectRef("v1", "ConfigMap", "apps", "web")),
                new ObjectResult(new ObjectRef("batch/v1", "Job", "apps", "migrate"), ObjectAction.HOOK, null),
                new ObjectResult(new ObjectRef("batch/v1", "Job", "apps", "smoke"), ObjectAction.HOOK, "failed"));

        HelmReleaseContent content = HelmReleaseContent.of(desired, desired.objects(), results, AT, new KubernetesSerialization());

        assertThat(content.manifest()).as("the release's objects, without hooks nor CRDs").startsWith("---\n")
                .contains("kind: \"ConfigMap\"").doesNotContain("Job").doesNotContain("CustomResourceDefinition");
        assertThat(content.hooks()).extracting(hook -> hook.get("name"), hook -> hook.get("events"),
                hook -> hook.get("weight"), hook -> hook.get("delete_policies"), hook -> hook.get("last_run"))
                .containsExactly(
                        tuple("migrate", List.of("pre-install", "pre-upgrade"), -5,
                                List.of("before-hook-creation", "hook-succeeded"), Map.of("started_at",
                                        AT.toString(), "completed_at", AT.toString(), "phase", "Succeeded")),
                        tuple("smoke", List.of("test"), 0, List.of(), Map.of(
                                "started_at", AT.toString(), "completed_at", AT.toString(), "phase", "Failed")),
                        tuple("farewell", List.of("pre-delete"), 0, List.of(),
                                Map.of("started_at", "", "completed_at", "", "phase", "")));
        assertThat((String) content.hooks().get(0).get("manifest")).contains("name: \"migrate\"");
    }
}
