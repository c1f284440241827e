package io.flotilla.observer.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.flotilla.events.ObjectAction;
import io.flotilla.events.ReleaseApplied;

/** What changed from one revision applied to the next: chart, commit, inputs, objects added and removed. */
final class RevisionChanges {

    private RevisionChanges() {
    }

    static List<String> between(ReleaseApplied older, ReleaseApplied newer) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(older.chartVersion(), newer.chartVersion())
                || !Objects.equals(older.chartName(), newer.chartName())) {
            changes.add("chart " + older.chartName() + " " + older.chartVersion() + " → " + newer.chartName() + " "
                    + newer.chartVersion());
        }
        if (!Objects.equals(older.sourceSha(), newer.sourceSha())) {
            changes.add("commit " + abridged(older.sourceSha()) + " → " + abridged(newer.sourceSha()));
        }
        if (!Objects.equals(older.inputDigest(), newer.inputDigest())) {
            changes.add("values or manifests changed");
        }
        Set<String> before = names(older);
        Set<String> after = names(newer);
        after.stream().filter(name -> !before.contains(name)).forEach(name -> changes.add("+ " + name));
        before.stream().filter(name -> !after.contains(name)).forEach(name -> changes.add("− " + name));
        if (changes.isEmpty()) {
            changes.add(older.outcome() == newer.outcome() ? "nothing: applied again"
                    : older.outcome() + " → " + newer.outcome());
        }
        return changes;
    }

    private static Set<String> names(ReleaseApplied revision) {
        Set<String> names = new TreeSet<>();
        revision.objects().stream().filter(result -> result.action() != ObjectAction.DELETED)
                .forEach(result -> names.add(ReleaseDetailPage.object(result.object())));
        return names;
    }

    private static String abridged(String sha) {
        return sha == null ? "none" : sha.substring(0, Math.min(7, sha.length()));
    }
}
