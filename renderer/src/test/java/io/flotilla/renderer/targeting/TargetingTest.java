package io.flotilla.renderer.targeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.events.ClusterRef;

class TargetingTest {

    private static final ClusterRef EU_1 = new ClusterRef("eu-1", Map.of("env", "prod", "region", "eu"));
    private static final ClusterRef EU_9 = new ClusterRef("eu-9", Map.of("env", "prod", "region", "eu"));
    private static final ClusterRef US_1 = new ClusterRef("us-1", Map.of("env", "prod", "region", "us"));
    private static final ClusterRef DEV = new ClusterRef("dev", Map.of("env", "dev"));
    private static final ClusterRef EKS = new ClusterRef("eks", Map.of());
    private static final List<ClusterRef> FLEET = List.of(DEV, EKS, EU_1, EU_9, US_1);

    @Test
    void sendsAReleaseToTheClustersOfTheFirstEntryItsPathMatches() throws Exception {
        Targeting targeting = targeting("""
                  - name: eu
                    paths: ["apps/**"]
                    clusters: {matchLabels: {region: eu}}
                  - name: everything-else
                    paths: ["**"]
                """);

        assertThat(targeting.select("apps/shop/cart.yaml", "apps/shop", FLEET))
                .isEqualTo(new Targeting.Selection(targeting.entries().get(0), List.of(EU_1, EU_9)));
        assertThat(targeting.select("infra/ingress.yaml", "infra", FLEET).entry().name()).isEqualTo("everything-else");
        assertThat(targeting.select("infra/ingress.yaml", "infra", FLEET).clusters()).isEqualTo(FLEET);
    }

    @Test
    void keepsTheFolderConventionsForWhatNoEntryMatchesAndWithoutAFile() throws Exception {
        Targeting targeting = targeting("""
                  - name: apps
                    paths: ["apps/**"]
                """);

        assertThat(targeting.select("clusters/dev/quota.yaml", "clusters/dev", FLEET))
                .isEqualTo(new Targeting.Selection(null, List.of(DEV)));
        assertThat(Targeting.CONVENTIONS.select("releases/prod/app.yaml", "releases/prod", FLEET))
                .isEqualTo(new Targeting.Selection(null, List.of(EU_1, EU_9, US_1)));
        assertThat(Targeting.CONVENTIONS.select("apps/app.yaml", "apps", FLEET).clusters()).isEqualTo(FLEET);
    }

    @Test
    void selectsByNamesLabelsAndExpressionsTogetherLeavingTheExcludedOut() throws Exception {
        Targeting targeting = targeting("""
                  - name: prod-outside-us
                    paths: ["apps/**"]
                    clusters:
                      names: [eu-1, eu-9, us-1, dev]
                      matchLabels: {env: prod}
                      matchExpressions:
                        - {key: region, operator: NotIn, values: [us]}
                        - {key: env, operator: Exists}
                        - {key: legacy, operator: DoesNotExist}
                    exclude: {names: [eu-9]}
                """);

        assertThat(targeting.select("apps/app.yaml", "apps", FLEET).clusters()).containsExactly(EU_1);
    }

    @Test
    void sendsAClusterFolderToTheClusterItNamesIfTheSelectorTakesIt() throws Exception {
        Targeting targeting = targeting("""
                  - name: per-cluster
                    paths: ["flux/cluster_{cluster}/**"]
                    exclude: {matchLabels: {env: dev}}
                """);

        assertThat(targeting.select("flux/cluster_eks/app.yaml", "flux/cluster_eks", FLEET).clusters())
                .containsExactly(EKS);
        assertThat(targeting.select("flux/cluster_dev/app.yaml", "flux/cluster_dev", FLEET).clusters()).isEmpty();
        assertThat(targeting.select("flux/cluster_gone/app.yaml", "flux/cluster_gone", FLEET))
                .as("a folder for a cluster not in the fleet goes nowhere, through its entry")
                .isEqualTo(new Targeting.Selection(targeting.entries().get(0), List.of()));
    }

    static Targeting targeting(String entries) throws InvalidTargetingException {
        return new Targeting(TargetingFile.parse("apiVersion: flotilla.io/v1\nkind: Targeting\ntargets:\n" + entries));
    }
}
