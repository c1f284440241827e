package io.flotilla.imageupdater.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/** Flux v1 filter annotations, chosen as Flux v1 chose: glob and regex by build time, semver by version. */
class FluxV1FilterTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final Map<String, Instant> BUILT = Map.of(
            "dev-aaa", T.plusSeconds(30), "dev-zzz", T.plusSeconds(10), "dev-mmm", T.plusSeconds(30),
            "prod-1", T.plusSeconds(99), "v1", T.plusSeconds(5), "v12", T.plusSeconds(1), "v1-rc", T.plusSeconds(50));
    private static final Function<String, Instant> CREATED = BUILT::get;

    @Test
    void globChoosesTheMostRecentlyBuiltMatchingImageNotTheLastName() {
        assertThat(FluxV1Filter.parse("glob:dev-*").choose(List.of("dev-zzz", "prod-1", "dev-aaa"), CREATED))
                .contains("dev-aaa");
    }

    @Test
    void globMatchesTheWholeTagWithStarForAnyCharactersAndEverythingElseLiterally() {
        TagPolicy glob = FluxV1Filter.parse("glob:v1.*");
        assertThat(glob.choose(List.of("v1.2", "v1x2", "av1.2"), tag -> T)).contains("v1.2");
        assertThat(FluxV1Filter.parse("glob:*").choose(List.of("prod-1", "dev-zzz"), CREATED)).contains("prod-1");
    }

    @Test
    void aFilterWithNoKindIsAGlob() {
        assertThat(FluxV1Filter.parse("dev-*").describe()).isEqualTo("glob:dev-*");
    }

    @Test
    void twoImagesBuiltAtOnceGoToTheTagThatSortsLastWhateverTheListOrder() {
        TagPolicy glob = FluxV1Filter.parse("glob:dev-*");
        assertThat(glob.choose(List.of("dev-mmm", "dev-aaa"), CREATED)).contains("dev-mmm");
        assertThat(glob.choose(List.of("dev-aaa", "dev-mmm"), CREATED)).contains("dev-mmm");
    }

    @Test
    void buildTimesAreAskedOnlyForTagsTheFilterLetsThrough() {
        List<String> asked = new ArrayList<>();
        FluxV1Filter.parse("glob:dev-*").choose(List.of("dev-zzz", "prod-1", "v1", "dev-aaa"), tag -> {
            asked.add(tag);
            return CREATED.apply(tag);
        });
        assertThat(asked).containsExactlyInAnyOrder("dev-zzz", "dev-aaa");
    }

    @Test
    void semverChoosesTheHighestVersionInRangeNeverAskingBuildTimes() {
        List<String> tags = List.of("0.4.2", "0.4.12", "v0.4.9", "0.5.0", "0.4.13-rc.1", "latest", "dev-0.4.99");
        assertThat(FluxV1Filter.parse("semver:~0.4").choose(tags, tag -> {
            throw new AssertionError("semver asked the build time of " + tag);
        })).contains("0.4.12");
    }

    @Test
    void semverTakesMastermindsRangesWithCommasAlternativesAndPartialVersions() {
        List<String> tags = List.of("1.2", "1.9.0", "2.0.0", "3.1.0", "4.0.0");
        assertThat(FluxV1Filter.parse("semver:>=1.0, <2.0").choose(tags, CREATED)).contains("1.9.0");
        assertThat(FluxV1Filter.parse("semver:1.2.x || ^3").choose(tags, CREATED)).contains("3.1.0");
        assertThat(FluxV1Filter.parse("semver:~1.2").choose(List.of("1.2", "1.3.0"), CREATED)).contains("1.2");
        assertThat(FluxV1Filter.parse("semver:>= 1.2, < 1.10").choose(tags, CREATED)).contains("1.9.0");
    }

    @Test
    void semverTakesPreReleasesOnlyWhenTheRangeNamesOne() {
        List<String> tags = List.of("1.0.0", "1.1.0-rc.1");
        assertThat(FluxV1Filter.parse("semver:>=1.0.0").choose(tags, CREATED)).contains("1.0.0");
        assertThat(FluxV1Filter.parse("semver:>=1.1.0-rc.0").choose(tags, CREATED)).contains("1.1.0-rc.1");
    }

    @Test
    void regexFindsAMatchAnywhereUnlessAnchoredAndChoosesByBuildTime() {
        List<String> tags = List.of("v1", "v12", "v1-rc", "prod-1");
        assertThat(FluxV1Filter.parse("regex:^v[0-9]+$").choose(tags, CREATED)).contains("v1");
        assertThat(FluxV1Filter.parse("regexp:v1").choose(tags, CREATED)).contains("v1-rc");
    }

    @Test
    void noEligibleTagChoosesNothing() {
        assertThat(FluxV1Filter.parse("glob:staging-*").choose(List.of("dev-aaa"), CREATED)).isEmpty();
        assertThat(FluxV1Filter.parse("semver:^9").choose(List.of("1.0.0"), CREATED)).isEmpty();
    }

    @Test
    void anUnreadableFilterSaysWhatWasWrittenAndWhy() {
        assertThatThrownBy(() -> FluxV1Filter.parse("sem:1.x")).isInstanceOf(PolicySyntaxException.class)
                .hasMessage("filter 'sem:1.x' has the unknown kind 'sem': write glob:<pattern>, semver:<range> or"
                        + " regex:<expression>");
        assertThatThrownBy(() -> FluxV1Filter.parse("regex:^v[0-9+$")).isInstanceOf(PolicySyntaxException.class)
                .hasMessageStartingWith("regular expression '^v[0-9+$' does not parse: Unclosed character class");
        assertThatThrownBy(() -> FluxV1Filter.parse("semver:")).isInstanceOf(PolicySyntaxException.class)
                .hasMessage("semver range is empty: write one such as ~1.2 or >=1.0 <2.0");
        assertThatThrownBy(() -> FluxV1Filter.parse("semver:one.two")).isInstanceOf(PolicySyntaxException.class)
                .hasMessageStartingWith("semver range 'one.two' does not parse");
        assertThatThrownBy(() -> FluxV1Filter.parse("semver:>=1.0 $")).isInstanceOf(PolicySyntaxException.class)
                .hasMessage("semver range '>=1.0 $' does not parse");
        assertThatThrownBy(() -> FluxV1Filter.parse(" ")).isInstanceOf(PolicySyntaxException.class)
                .hasMessageStartingWith("empty filter");
    }
}
