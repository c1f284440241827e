package io.flotilla.imageupdater.scan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flotilla.imageupdater.policy.TagPolicy;
import io.flotilla.imageupdater.registry.ImageInfo;
import io.flotilla.imageupdater.registry.ImageRepository;
import io.flotilla.imageupdater.registry.RegistryClient;
import io.flotilla.imageupdater.signature.TagVerification;

/**
 * One scan of an image repository: its tags listed once, then each policy's choice among them (build times asked
 * of the registry only for the tags a policy orders by them, each tag's asked once in the scan however many
 * policies ask), and the chosen tag's digest read. A tag the {@link TagVerification} refuses (unsigned, badly
 * signed) is skipped: the policy chooses again among the others, and the tag is listed in {@link #skipped()}.
 */
public final class RepositoryScan {

    private final RegistryClient registry;
    private final ImageRepository repository;
    private final TagVerification verification;
    private final List<String> tags;
    private final Map<String, ImageInfo> imageByTag = new HashMap<>();
    private final Map<String, Optional<String>> refusalByTag = new HashMap<>();
    private final Map<String, SkippedTag> skipped = new LinkedHashMap<>();

    private RepositoryScan(RegistryClient registry, ImageRepository repository, TagVerification verification,
            List<String> tags) {
        this.registry = registry;
        this.repository = repository;
        this.verification = verification;
        this.tags = tags;
    }

    /** A scan of {@code repository} where every tag may run: its tags are listed now. */
    public static RepositoryScan of(RegistryClient registry, ImageRepository repository) {
        return of(registry, repository, TagVerification.NONE);
    }

    /** A scan of {@code repository} taking only the tags {@code verification} lets run: its tags are listed now. */
    public static RepositoryScan of(RegistryClient registry, ImageRepository repository,
            TagVerification verification) {
        return new RepositoryScan(registry, repository, verification, registry.tags(repository));
    }

    /** The tag {@code policy} chooses in {@code repository}: one scan, one policy. */
    public static Optional<ChosenTag> choose(RegistryClient registry, ImageRepository repository, TagPolicy policy) {
        return of(registry, repository).choose(policy);
    }

    /** The repository's tags, in the order the registry lists them. */
    public List<String> tags() {
        return tags;
    }

    /** The tag {@code policy} chooses among those that may run; empty if none is eligible. */
    public Optional<ChosenTag> choose(TagPolicy policy) {
        List<String> candidates = new ArrayList<>(tags);
        while (true) {
            Optional<String> choice = policy.choose(candidates, tag -> image(tag).created());
            if (choice.isEmpty()) {
                return Optional.empty();
            }
            String tag = choice.get();
            Optional<String> refusal = refusalByTag.computeIfAbsent(tag,
                    t -> verification.refusal(registry, repository, t, image(t).digest()));
            if (refusal.isEmpty()) {
                return Optional.of(new ChosenTag(repository, tag, image(tag).digest(), policy.describe()));
            }
            skipped.putIfAbsent(tag, new SkippedTag(tag, image(tag).digest(), refusal.get()));
            candidates.remove(tag);
        }
    }

    /** The tags a policy would have chosen in this scan but that may not run, in the order they were met. */
    public List<SkippedTag> skipped() {
        return List.copyOf(skipped.values());
    }

    private ImageInfo image(String tag) {
        return imageByTag.computeIfAbsent(tag, t -> registry.image(repository, t));
    }
}
