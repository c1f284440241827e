package io.flotilla.observer.preview;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.flotilla.events.PreviewChecked;
import io.flotilla.events.PreviewKey;
import io.flotilla.events.PreviewPlanned;
import io.flotilla.events.ReleaseKey;

/**
 * A preview of a branch's newest commit, whole: what was asked, the renderer's plan of that commit (null until it
 * comes) and the applier's check of each planned release that came. It works out the state, the counts the list shows
 * and, per cluster, what changes.
 *
 * @param id     short and stable, for URLs ({@link #idOf})
 * @param checks by release, only those of the plan's commit
 */
public record Preview(String id, PreviewKey key, String sha, String baseBranch, String title, String author,
        Instant requestedAt, boolean closed, PreviewPlanned plan, Map<ReleaseKey, PreviewChecked> checks) {

    public Preview {
        checks = Map.copyOf(checks);
    }

    /** The first 16 hex digits of the SHA-256 of the preview's key: the same on every instance and restart. */
    public static String idOf(PreviewKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.id().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    public PreviewState state() {
        if (closed) {
            return PreviewState.CLOSED;
        }
        if (plan == null) {
            return PreviewState.REQUESTED;
        }
        boolean allChecked = plan.releases().stream().filter(release -> release.error() == null)
                .allMatch(release -> checks.containsKey(release.release()));
        return allChecked ? PreviewState.COMPLETE : PreviewState.RENDERED;
    }

    /** Complete with nothing refused, nothing breaking a tenant's rules, everything rendered and checked. */
    public boolean passes() {
        return state() == PreviewState.COMPLETE && renderErrors() == 0 && refused() == 0 && violating() == 0
                && checkErrors() == 0;
    }

    /** Releases the branch adds, changes or removes, that rendered. */
    public int releasesChanged() {
        return plan == null ? 0 : (int) plan.releases().stream().filter(release -> release.error() == null).count();
    }

    /** Releases with an object the API server refuses in a dry run. */
    public int refused() {
        return (int) planned().stream().filter(release -> !release.refusals().isEmpty()).count();
    }

    /** Releases that break their tenant's rules. */
    public int violating() {
        return (int) planned().stream().filter(release -> !release.violations().isEmpty()).count();
    }

    /** Releases that do not render, and the commit itself when it does not render at all. */
    public int renderErrors() {
        if (plan == null) {
            return 0;
        }
        return (plan.error() == null ? 0 : 1)
                + (int) plan.releases().stream().filter(release -> release.error() != null).count();
    }

    /** Planned releases that rendered and whose check came. */
    private int checked() {
        return (int) plan.releases().stream()
                .filter(release -> release.error() == null && checks.containsKey(release.release())).count();
    }

    /** Releases the applier could not compare with their cluster. */
    public int checkErrors() {
        return (int) checks.values().stream().filter(check -> check.error() != null).count();
    }

    public int unchanged() {
        return plan == null ? 0 : plan.unchanged();
    }

    /** Why the commit does not render at all; null otherwise. */
    public String error() {
        return plan == null ? null : plan.error();
    }

    /** Every planned release, by cluster, namespace and name, with its check when it came. */
    public List<ReleasePreview> planned() {
        if (plan == null) {
            return List.of();
        }
        List<ReleasePreview> releases = new ArrayList<>();
        for (PreviewPlanned.PlannedRelease release : plan.releases()) {
            releases.add(ReleasePreview.of(release, checks.get(release.release())));
        }
        releases.sort(Comparator.comparing(ReleasePreview::cluster).thenComparing(ReleasePreview::namespace)
                .thenComparing(ReleasePreview::name));
        return releases;
    }

    /** The planned releases grouped by cluster, clusters by name. */
    public Map<String, List<ReleasePreview>> byCluster() {
        Map<String, List<ReleasePreview>> clusters = new TreeMap<>();
        planned().forEach(release -> clusters.computeIfAbsent(release.cluster(), cluster -> new ArrayList<>())
                .add(release));
        return clusters;
    }

    /** The line the list and the comment begin with: how many releases change and what stands in the way. */
    public String summary() {
        return switch (state()) {
            case CLOSED -> "closed";
            case REQUESTED -> "waiting for the renderer";
            case RENDERED -> {
                List<String> parts = new ArrayList<>();
                parts.add(releases(releasesChanged()) + "; " + checked() + " of " + releasesChanged() + " checked");
                count(parts, renderErrors(), "not rendering");
                yield String.join(", ", parts);
            }
            case COMPLETE -> {
                if (error() != null) {
                    yield "the commit does not render";
                }
                List<String> parts = new ArrayList<>();
                parts.add(releases(releasesChanged()));
                count(parts, refused(), "refused");
                count(parts, violating(), "breaking tenant rules");
                count(parts, renderErrors(), "not rendering");
                count(parts, checkErrors(), "not checked");
                yield String.join(", ", parts);
            }
        };
    }

    private static String releases(int count) {
        return count == 1 ? "1 release changes" : count + " releases change";
    }

    private static void count(List<String> parts, int count, String what) {
        if (count > 0) {
            parts.add(count + " " + what);
        }
    }
}
