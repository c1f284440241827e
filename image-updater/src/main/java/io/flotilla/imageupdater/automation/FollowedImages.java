package io.flotilla.imageupdater.automation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.flotilla.events.ImageTagFound;
import io.flotilla.events.ImageTagFound.ImageEdit;
import io.flotilla.imageupdater.declaration.AutomatedImage;
import io.flotilla.imageupdater.declaration.AutomationError;
import io.flotilla.imageupdater.declaration.Declarations;
import io.flotilla.imageupdater.declaration.EditTarget;
import io.flotilla.imageupdater.registry.ImageRepository;
import io.flotilla.imageupdater.scan.ChosenTag;
import io.flotilla.imageupdater.scan.ScanKey;
import io.flotilla.imageupdater.scan.SkippedTag;

/**
 * The images followed now, from the last commit read of each branch of each Git source, and what became of them:
 * each repository's last scan and its error, each policy's last choice, each automation's last
 * {@code ImageTagFound}. It decides what to publish: an automation whose policy chose a tag (or digest) other than
 * the one last published for it, or whose values still need edits once {@code republishAfter} has passed (the
 * commit may have been refused). Nothing is published for a policy that chose nothing or whose repository failed.
 * A branch whose last commit cannot be read shows why, and what its earlier commit declared is still followed.
 * Plain state; the caller brings the clock, scans and publishes.
 */
public final class FollowedImages {

    private final Duration defaultInterval;
    private final Duration republishAfter;
    private final Set<String> insecureHosts;
    private final Map<String, Declarations> byBranch = new LinkedHashMap<>();
    private final Map<ScanKey, ScanState> scans = new HashMap<>();
    private final Map<ScanKey, Map<String, Optional<ChosenTag>>> choices = new HashMap<>();
    private final Map<String, Last> lastPublished = new HashMap<>();
    private final Map<String, Unreadable> unreadable = new LinkedHashMap<>();

    private record Unreadable(String source, String branch, String sha, String error) {
    }

    private record ScanState(Instant at, String error, List<SkippedTag> skipped) {
    }

    private record Last(ChosenTag chosen, List<ImageEdit> edits, AutomationView.Published published) {
    }

    /**
     * @param defaultInterval how often a repository is scanned whose policies name no interval
     * @param republishAfter  how long identical edits wait before they are published again
     * @param insecureHosts   registries spoken to over plain HTTP whatever the declaration says, besides those
     *                        on this machine
     */
    public FollowedImages(Duration defaultInterval, Duration republishAfter, Set<String> insecureHosts) {
        this.defaultInterval = defaultInterval;
        this.republishAfter = republishAfter;
        this.insecureHosts = Set.copyOf(insecureHosts);
    }

    /**
     * The scan that serves {@code image}. A registry on this machine ({@code localhost}, {@code 127.x}) or named
     * in {@code insecureHosts} (with or without its port) is spoken to over plain HTTP, as Docker does.
     */
    public ScanKey scanKeyOf(AutomatedImage image) {
        ImageRepository repository = image.repository();
        String registry = repository.registry();
        String host = registry.replaceFirst(":\\d+$", "");
        boolean plain = host.equals("localhost") || host.startsWith("127.") || insecureHosts.contains(registry)
                || insecureHosts.contains(host);
        if (!repository.insecure() && plain) {
            repository = new ImageRepository(repository.registry(), repository.name(), true);
        }
        return new ScanKey(repository, image.secret());
    }

    /**
     * Follows what {@code declarations} declare instead of what the branch's earlier commit did. Images whose
     * repository was scanned with their policy already are decided at once from that scan: what to publish is
     * returned.
     */
    public synchronized List<Publication> accept(Declarations declarations, Instant now) {
        byBranch.put(branchKey(declarations.source(), declarations.branch()), declarations);
        unreadable.remove(branchKey(declarations.source(), declarations.branch()));
        Set<ScanKey> followed = scanIntervals().keySet();
        scans.keySet().retainAll(followed);
        choices.keySet().retainAll(followed);
        List<Publication> publications = new ArrayList<>();
        for (AutomatedImage image : declarations.images()) {
            Optional<ChosenTag> known = choices.getOrDefault(scanKeyOf(image), Map.of())
                    .get(image.policy().describe());
            if (known != null) {
                decide(declarations, image, known, now).ifPresent(publications::add);
            }
        }
        return publications;
    }

    /** The repositories followed with the interval each is scanned at: the shortest its images ask for. */
    public synchronized Map<ScanKey, Duration> scanIntervals() {
        Map<ScanKey, Duration> intervals = new HashMap<>();
        for (Declarations declarations : byBranch.values()) {
            for (AutomatedImage image : declarations.images()) {
                Duration interval = image.interval() == null || image.interval().isZero() ? defaultInterval
                        : image.interval();
                intervals.merge(scanKeyOf(image), interval, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
        return intervals;
    }

    /** The policies whose choice a scan of {@code key} must make, one image for each. */
    public synchronized List<AutomatedImage> following(ScanKey key) {
        Map<String, AutomatedImage> byPolicy = new LinkedHashMap<>();
        for (Declarations declarations : byBranch.values()) {
            for (AutomatedImage image : declarations.images()) {
                if (scanKeyOf(image).equals(key)) {
                    byPolicy.putIfAbsent(image.policy().describe(), image);
                }
            }
        }
        return List.copyOf(byPolicy.values());
    }

    /**
     * A scan of {@code key} ended well: {@code chosen} gives each policy's choice by its description, {@code skipped}
     * the tags it passed over because they may not run. Returns what to publish.
     */
    public synchronized List<Publication> scanned(ScanKey key, Map<String, Optional<ChosenTag>> chosen,
            List<SkippedTag> skipped, Instant now) {
        scans.put(key, new ScanState(now, null, List.copyOf(skipped)));
        choices.put(key, new HashMap<>(chosen));
        List<Publication> publications = new ArrayList<>();
        for (Declarations declarations : byBranch.values()) {
            for (AutomatedImage image : declarations.images()) {
                Optional<ChosenTag> choice = chosen.get(image.policy().describe());
                if (choice != null && scanKeyOf(image).equals(key)) {
                    decide(declarations, image, choice, now).ifPresent(publications::add);
                }
            }
        }
        return publications;
    }

    /** A scan of {@code key} failed with {@code error}: shown on every policy following it, nothing published. */
    public synchronized void failed(ScanKey key, String error, Instant now) {
        ScanState last = scans.get(key);
        scans.put(key, new ScanState(now, error, last == null ? List.of() : last.skipped()));
    }

    /**
     * Commit {@code sha} of {@code branch} of {@code source} cannot be read, for {@code error}: shown on the branch
     * until one of its commits is read.
     */
    public synchronized void unreadable(String source, String branch, String sha, String error) {
        unreadable.put(branchKey(source, branch), new Unreadable(source, branch, sha, error));
    }

    /**
     * Another instance scans {@code keys} now: what this one knew of their scans, choices and publications is
     * forgotten, so that it decides afresh if they come back to it, as after a start.
     */
    public synchronized void forget(Set<ScanKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        scans.keySet().removeAll(keys);
        choices.keySet().removeAll(keys);
        for (Declarations declarations : byBranch.values()) {
            for (AutomatedImage image : declarations.images()) {
                if (keys.contains(scanKeyOf(image))) {
                    lastPublished.remove(automationKey(declarations, image));
                }
            }
        }
    }

    /** {@code publication} is on the topic, under {@code correlationId}. */
    public synchronized void published(Publication publication, String correlationId, Instant now) {
        ImageTagFound event = publication.event();
        ChosenTag chosen = new ChosenTag(null, event.tag(), event.digest(), event.policy());
        lastPublished.put(publication.automation(), new Last(chosen, event.edits(),
                new AutomationView.Published(event.tag(), now, event.edits().size(), correlationId)));
    }

    private Optional<Publication> decide(Declarations declarations, AutomatedImage image, Optional<ChosenTag> choice,
            Instant now) {
        if (choice.isEmpty()) {
            return Optional.empty();
        }
        ChosenTag chosen = choice.get();
        String automation = automationKey(declarations, image);
        List<ImageEdit> edits = TagEdits.of(declarations.source(), declarations.branch(), image, chosen);
        Last last = lastPublished.get(automation);
        boolean newChoice = last == null || !last.chosen().tag().equals(chosen.tag())
                || !last.chosen().digest().equals(chosen.digest());
        boolean editsDue = !edits.isEmpty() && last != null && (!edits.equals(last.edits())
                || !last.published().at().plus(republishAfter).isAfter(now));
        if (!newChoice && !editsDue) {
            return Optional.empty();
        }
        return Optional.of(new Publication(automation, new ImageTagFound(imageAsWritten(image), chosen.tag(),
                chosen.digest(), chosen.policy(), edits)));
    }

    /** The image as the files write it (what {@code Auto-release} messages name), else as the registry knows it. */
    private static String imageAsWritten(AutomatedImage image) {
        return image.targets().isEmpty() ? image.repository().toString()
                : image.targets().get(0).repositoryAsWritten();
    }

    /**
     * What {@code GET /api/automations} shows: every automated image, every refused declaration, and every branch
     * whose last commit cannot be read (no file, no object: the error says why).
     */
    public synchronized List<AutomationView> view() {
        List<AutomationView> views = new ArrayList<>();
        for (Declarations declarations : byBranch.values()) {
            for (AutomatedImage image : declarations.images()) {
                ScanKey key = scanKeyOf(image);
                ScanState scan = scans.get(key);
                Optional<ChosenTag> chosen = choices.getOrDefault(key, Map.of())
                        .getOrDefault(image.policy().describe(), Optional.empty());
                Last last = lastPublished.get(automationKey(declarations, image));
                List<AutomationView.Value> values = new ArrayList<>();
                for (EditTarget target : image.targets()) {
                    values.add(new AutomationView.Value(target.where(), target.current()));
                }
                views.add(new AutomationView(declarations.source(), declarations.branch(), declarations.sha(),
                        image.file(), image.name(), image.container(), key.repository().toString(),
                        image.policy().describe(), values, chosen.map(ChosenTag::tag).orElse(null),
                        chosen.map(ChosenTag::digest).orElse(null), scan == null ? List.of() : scan.skipped(),
                        scan == null ? null : scan.at(),
                        last == null ? null : last.published(),
                        scan == null || scan.error() == null ? List.of() : List.of(scan.error()), null));
            }
            for (AutomationError error : declarations.errors()) {
                views.add(new AutomationView(declarations.source(), declarations.branch(), declarations.sha(),
                        error.file(), error.object(), null, null, null, List.of(), null, null, List.of(), null,
                        null, List.of(error.message()), null));
            }
        }
        for (Unreadable commit : unreadable.values()) {
            views.add(new AutomationView(commit.source(), commit.branch(), commit.sha(), null, null, null, null, null,
                    List.of(), null, null, List.of(), null, null, List.of(commit.error()), null));
        }
        return views;
    }

    /** The images whose repository is {@code registry/name} ({@code registry} null: any registry). */
    public synchronized Set<ScanKey> scanKeysOf(String registry, String name) {
        Set<ScanKey> keys = new LinkedHashSet<>();
        for (ScanKey key : scanIntervals().keySet()) {
            if (key.repository().name().equals(name)
                    && (registry == null || key.repository().registry().equals(registry))) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static String automationKey(Declarations declarations, AutomatedImage image) {
        return declarations.source() + "\n" + declarations.branch() + "\n" + image.id();
    }

    private static String branchKey(String source, String branch) {
        return source + "\n" + branch;
    }
}
