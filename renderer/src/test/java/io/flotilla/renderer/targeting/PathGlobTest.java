package io.flotilla.renderer.targeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class PathGlobTest {

    @Test
    void matchesAnyDepthBelowAFolderAndTheFolderItself() {
        PathGlob common = PathGlob.of("flux/common/**");

        assertThat(common.match("flux/common/app.yaml")).contains(new PathGlob.Match(null));
        assertThat(common.match("flux/common/monitoring/deep/prometheus.yaml")).isPresent();
        assertThat(common.match("flux/common")).as("a folder of manifests is matched by its folder").isPresent();
        assertThat(common.match("flux/commons/app.yaml")).isEmpty();
        assertThat(common.match("other/flux/common/app.yaml")).isEmpty();
    }

    @Test
    void matchesOnePartOfOneSegmentWithAStar() {
        PathGlob yaml = PathGlob.of("apps/*/release-?.yaml");

        assertThat(yaml.match("apps/shop/release-1.yaml")).isPresent();
        assertThat(yaml.match("apps/shop/cart/release-1.yaml")).isEmpty();
        assertThat(yaml.match("apps/shop/release-10.yaml")).isEmpty();
    }

    @Test
    void matchesAnyFoldersInTheMiddle() {
        PathGlob values = PathGlob.of("**/prod/**");

        assertThat(values.match("prod")).isPresent();
        assertThat(values.match("teams/a/prod/app.yaml")).isPresent();
        assertThat(values.match("teams/a/production/app.yaml")).isEmpty();
    }

    @Test
    void saysWhichClusterAFolderNames() {
        PathGlob perCluster = PathGlob.of("flux/cluster_{cluster}/**");

        assertThat(perCluster.match("flux/cluster_eks/app.yaml")).contains(new PathGlob.Match("eks"));
        assertThat(perCluster.match("flux/cluster_gke-eu/apps")).contains(new PathGlob.Match("gke-eu"));
        assertThat(perCluster.match("flux/cluster_/app.yaml")).isEmpty();
        assertThat(perCluster.match("flux/common/app.yaml")).isEmpty();
    }

    @Test
    void matchesTwoClusterPlaceholdersOnlyWhenTheyNameTheSameCluster() {
        PathGlob twice = PathGlob.of("{cluster}/values-{cluster}.yaml");

        assertThat(twice.match("eu-1/values-eu-1.yaml")).isEqualTo(Optional.of(new PathGlob.Match("eu-1")));
        assertThat(twice.match("eu-1/values-eu-2.yaml")).isEmpty();
    }

    @Test
    void refusesADoubleStarThatIsNotAWholeSegment() {
        assertThatThrownBy(() -> PathGlob.of("flux/common**")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path 'flux/common**': '**' must be a whole segment, as in a/**/b");
    }
}
