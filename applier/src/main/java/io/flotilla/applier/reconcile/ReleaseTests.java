package io.flotilla.applier.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.apply.ClusterApply;
import io.flotilla.applier.hook.HelmHooks;
import io.flotilla.applier.release.DesiredRelease;
import io.flotilla.events.ObjectResult;
import io.flotilla.events.Outcome;

/**
 * A release's Helm tests ({@code helm.sh/hook: test}), run as {@code helm test} would once an install or an upgrade is
 * healthy, when the release asks for them ({@code spec.test.enable}). Their results follow the objects applied, and
 * the message says how they went: a failed test fails the release, as with Flux, unless the release ignores test
 * failures ({@code spec.test.ignoreFailures}): then it is Ready and its message tells the failure.
 */
final class ReleaseTests {

    private ReleaseTests() {
    }

    /** Tests the release {@code healthy} applied: the report with the tests' results and what they came to. */
    static ApplyReport run(ClusterApply cluster, DesiredRelease desired, ApplyReport healthy) {
        ApplyReport tests = cluster.runHooks(desired, HelmHooks.TEST);
        List<ObjectResult> results = new ArrayList<>(healthy.objects());
        results.addAll(tests.objects());
        boolean ignored = tests.outcome() == Outcome.Failed && desired.options().testIgnoreFailures();
        if (tests.outcome() != Outcome.Ready && !ignored) {
            return new ApplyReport(tests.outcome(), results, tests.error());
        }
        String told = ignored ? "tests failed, ignored (spec.test.ignoreFailures): " + tests.error()
                : tests.objects().isEmpty() ? "tests: the release has none"
                : "tests passed: " + tests.objects().stream().map(result -> result.object().toString())
                        .collect(Collectors.joining(", "));
        return new ApplyReport(Outcome.Ready, results, healthy.error() == null ? told : healthy.error() + "; " + told);
    }
}
