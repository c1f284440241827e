package io.flotilla.imageupdater.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Flux v2 ImagePolicy specs, as users write them, choosing among tags. */
class ImagePolicySpecTest {

    private static final List<String> TAGS = List.of("main-a1b2-1700000300", "main-c3d4-1700000100",
            "main-e5f6-1700000200", "pr-9-1800000000", "10", "9", "2.5", "1.2.0", "1.10.0", "v1.11.0-rc.1", "latest");

    @Test
    void semverRangeChoosesTheHighestVersion() {
        assertThat(choose(Map.of("policy", Map.of("semver", Map.of("range", ">=1.0.0 <2.0.0"))))).isEqualTo("1.10.0");
        assertThat(choose(Map.of("policy", Map.of("semver", Map.of("range", ">=1.0.0"))))).isEqualTo("10");
    }

    @Test
    void alphabeticalAscChoosesTheLastAndDescTheFirst() {
        Map<String, Object> filter = Map.of("pattern", "^main-");
        assertThat(choose(Map.of("policy", Map.of("alphabetical", Map.of()), "filterTags", filter)))
                .isEqualTo("main-e5f6-1700000200");
        assertThat(choose(Map.of("policy", Map.of("alphabetical", Map.of("order", "desc")), "filterTags", filter)))
                .isEqualTo("main-a1b2-1700000300");
    }

    @Test
    void numericalComparesNumbersNotStringsAndSkipsTheRest() {
        assertThat(choose(Map.of("policy", Map.of("numerical", Map.of("order", "asc"))))).isEqualTo("10");
        assertThat(choose(Map.of("policy", Map.of("numerical", Map.of("order", "DESC"))))).isEqualTo("2.5");
    }

    @Test
    void filterTagsExtractsANamedGroupWrittenTheGoWayAndReturnsTheWholeTag() {
        Map<String, Object> spec = Map.of("policy", Map.of("numerical", Map.of("order", "asc")), "filterTags",
                Map.of("pattern", "^main-[a-f0-9]+-(?P<ts>[0-9]+)", "extract", "$ts"));
        assertThat(choose(spec)).isEqualTo("main-a1b2-1700000300");
    }

    @Test
    void filterTagsExtractsNumberedAndBracedGroups() {
        assertThat(new TagFilter("^v(\\d+)\\.(\\d+)", "${2}x$1").valueOf("v1.20")).contains("20x1");
        assertThat(new TagFilter("^v(\\d+)", "$$$1").valueOf("v7")).contains("$7");
        assertThat(new TagFilter("^v(\\d+)", null).valueOf("v7-rc")).contains("v7-rc");
        assertThat(new TagFilter("^v(\\d+)", "$1").valueOf("dev")).isEmpty();
        Map<String, Object> spec = Map.of("policy", Map.of("semver", Map.of("range", "^1")), "filterTags",
                Map.of("pattern", "^release-(.*)$", "extract", "$1"));
        assertThat(ImagePolicySpec.read(spec).choose(List.of("release-1.2.0", "release-1.4.1", "1.9.0", "release-2.0.0"),
                tag -> Instant.EPOCH)).contains("release-1.4.1");
    }

    @Test
    void describesThePolicyAsWritten() {
        assertThat(ImagePolicySpec.read(Map.of("policy", Map.of("numerical", Map.of()), "filterTags",
                Map.of("pattern", "^b-(?P<n>\\d+)", "extract", "$n"))).describe())
                .isEqualTo("numerical asc of filterTags.pattern '^b-(?P<n>\\d+)' extract '$n'");
    }

    @Test
    void aSpecThatCannotBeReadNamesTheField() {
        assertThatThrownBy(() -> ImagePolicySpec.read(Map.of())).hasMessage(
                "spec.policy is missing: give one of semver, alphabetical, numerical");
        assertThatThrownBy(() -> ImagePolicySpec.read(Map.of("policy", Map.of("semver", Map.of("range", "1.x"),
                "numerical", Map.of())))).hasMessage(
                "spec.policy must give exactly one of semver, alphabetical, numerical, it gives semver and numerical");
        assertThatThrownBy(() -> ImagePolicySpec.read(Map.of("policy", Map.of("alphabetical",
                Map.of("order", "up"))))).hasMessage("spec.policy.alphabetical.order 'up' is neither asc nor desc");
        assertThatThrownBy(() -> ImagePolicySpec.read(Map.of("policy", Map.of("semver", "1.x"))))
                .hasMessage("spec.policy.semver must be a mapping, not '1.x'");
        assertThatThrownBy(() -> ImagePolicySpec.read(Map.of("policy", Map.of("numerical", Map.of()), "filterTags",
                Map.of("pattern", "^b-(?P<n>\\d+)", "extract", "$ts")))).isInstanceOf(PolicySyntaxException.class)
                .hasMessage("filterTags.extract '$ts' names the group 'ts', which filterTags.pattern '^b-(?P<n>\\d+)'"
                        + " does not have");
    }

    private static String choose(Map<String, ?> spec) {
        return ImagePolicySpec.read(spec).choose(TAGS, tag -> {
            throw new AssertionError("a Flux v2 policy asked the build time of " + tag);
        }).orElseThrow();
    }
}
