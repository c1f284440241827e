package io.flotilla.imageupdater.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.flotilla.imageupdater.declaration.AutomatedImage;
import io.flotilla.imageupdater.declaration.CommitSettings;
import io.flotilla.imageupdater.declaration.Declarations;
import io.flotilla.imageupdater.declaration.EditTarget;
import io.flotilla.imageupdater.declaration.ValueForm;
import io.flotilla.imageupdater.policy.FluxV1Filter;
import io.flotilla.imageupdater.registry.ImageRepository;
import io.flotilla.imageupdater.scan.ChosenTag;
import io.flotilla.imageupdater.scan.ScanKey;

/** What is published when: a new choice once, identical edits again only after a while, nothing once Git has it. */
class FollowedImagesTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final ImageRepository APP = ImageRepository.parse("ghcr.io/org/app", false);

    private final FollowedImages images = new FollowedImages(Duration.ofMinutes(5), Duration.ofMinutes(10), Set.of());

    @Test
    void aChoiceIsPublishedOnceThenAgainOnlyWhenItsEditsWaitedTooLong() {
        images.accept(declarations("sha1", "1.0.0"), T0);
        ScanKey key = images.scanIntervals().keySet().iterator().next();

        List<Publication> first = images.scanned(key, choice("1.1.0"), List.of(), T0);
        assertThat(first).singleElement().satisfies(publication -> {
            assertThat(publication.event().tag()).isEqualTo("1.1.0");
            assertThat(publication.event().edits()).singleElement()
                    .satisfies(edit -> assertThat(edit.expected()).isEqualTo("1.0.0"));
        });
        images.published(first.get(0), "journey-1", T0);

        assertThat(images.scanned(key, choice("1.1.0"), List.of(), T0.plusSeconds(300))).isEmpty();
        assertThat(images.scanned(key, choice("1.1.0"), List.of(), T0.plusSeconds(600))).hasSize(1);
    }

    @Test
    void aCommitThatHoldsTheChosenTagAlreadyPublishesNothingMore() {
        images.accept(declarations("sha1", "1.0.0"), T0);
        ScanKey key = images.scanIntervals().keySet().iterator().next();
        images.published(images.scanned(key, choice("1.1.0"), List.of(), T0).get(0), "journey-1", T0);

        assertThat(images.accept(declarations("sha2", "1.1.0"), T0.plusSeconds(700))).isEmpty();
        assertThat(images.view()).singleElement().satisfies(view -> {
            assertThat(view.newestTag()).isEqualTo("1.1.0");
            assertThat(view.values()).extracting(AutomationView.Value::current).containsExactly("1.1.0");
            assertThat(view.lastImageTagFound().correlationId()).isEqualTo("journey-1");
        });
    }

    @Test
    void aFailedScanIsShownOnItsPoliciesAndPublishesNothing() {
        images.accept(declarations("sha1", "1.0.0"), T0);
        ScanKey key = images.scanIntervals().keySet().iterator().next();

        images.failed(key, "ghcr.io/org/app: the registry refuses anonymous access (401)", T0);

        assertThat(images.view()).singleElement().satisfies(view -> {
            assertThat(view.errors()).containsExactly("ghcr.io/org/app: the registry refuses anonymous access (401)");
            assertThat(view.lastImageTagFound()).isNull();
        });
    }

    @Test
    void aCommitThatCannotBeReadIsShownOnItsBranchUntilOneIsWhileTheEarlierOneIsStillFollowed() {
        images.accept(declarations("sha1", "1.0.0"), T0);
        String refused = "cannot fetch fleet: HTTP 401: the credentials of Secret flux-system/fleet-auth were refused";

        images.unreadable("fleet", "main", "sha2", refused);

        assertThat(images.view()).extracting(AutomationView::sha, AutomationView::object, AutomationView::errors)
                .containsExactly(tuple("sha1", "HelmRelease dev/app", List.of()), tuple("sha2", null, List.of(refused)));
        assertThat(images.scanIntervals()).hasSize(1);

        images.accept(declarations("sha2", "1.0.0"), T0.plusSeconds(60));

        assertThat(images.view()).extracting(AutomationView::sha, AutomationView::errors)
                .containsExactly(tuple("sha2", List.of()));
    }

    private static Map<String, Optional<ChosenTag>> choice(String tag) {
        return Map.of("semver:^1", Optional.of(new ChosenTag(APP, tag, "sha256:" + tag, "semver:^1")));
    }

    private static Declarations declarations(String sha, String tag) {
        EditTarget target = new EditTarget("releases/app.yaml", 0, List.of("spec", "values", "image", "tag"), tag,
                ValueForm.TAG, "ghcr.io/org/app", "dev/app", CommitSettings.DEFAULTS);
        AutomatedImage image = new AutomatedImage("HelmRelease dev/app", "chart-image", "releases/app.yaml", APP,
                null, null, FluxV1Filter.parse("semver:^1"), List.of(target));
        return new Declarations("fleet", "main", sha, List.of(image), List.of());
    }
}
