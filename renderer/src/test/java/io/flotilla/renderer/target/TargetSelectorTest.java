package io.flotilla.renderer.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.events.ClusterRef;

class TargetSelectorTest {

    private static final ClusterRef DEV = new ClusterRef("dev", Map.of("env", "dev", "region", "eu"));
    private static final ClusterRef DEV_US = new ClusterRef("dev-us", Map.of("env", "dev", "region", "us"));
    private static final ClusterRef PROD = new ClusterRef("prod", Map.of("env", "prod"));
    private static final List<ClusterRef> FLEET = List.of(DEV, DEV_US, PROD);

    @Test
    void sendsAClusterFolderOnlyToThatCluster() {
        assertThat(TargetSelector.targets("clusters/dev-us", FLEET)).containsExactly(DEV_US);
    }

    @Test
    void sendsTheSubfoldersOfAClusterFolderToThatCluster() {
        assertThat(TargetSelector.targets("clusters/prod/monitoring/alerts", FLEET)).containsExactly(PROD);
    }

    @Test
    void sendsAClusterFolderOfAnUnknownClusterNowhere() {
        assertThat(TargetSelector.targets("clusters/staging", FLEET)).isEmpty();
    }

    @Test
    void sendsAnEnvironmentFolderToEveryClusterOfThatEnvironment() {
        assertThat(TargetSelector.targets("releases/dev", FLEET)).containsExactly(DEV, DEV_US);
        assertThat(TargetSelector.targets("releases/prod/apps", FLEET)).containsExactly(PROD);
    }

    @Test
    void sendsAnyOtherFolderToEveryCluster() {
        assertThat(TargetSelector.targets("common/namespaces", FLEET)).containsExactly(DEV, DEV_US, PROD);
        assertThat(TargetSelector.targets("", FLEET)).containsExactly(DEV, DEV_US, PROD);
        assertThat(TargetSelector.targets("apps/clusters/dev", FLEET)).containsExactly(DEV, DEV_US, PROD);
    }

    @Test
    void sendsFilesDirectlyInClustersOrReleasesToEveryCluster() {
        assertThat(TargetSelector.targets("clusters", FLEET)).containsExactly(DEV, DEV_US, PROD);
        assertThat(TargetSelector.targets("releases", FLEET)).containsExactly(DEV, DEV_US, PROD);
    }
}
