package io.flotilla.observer.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.flotilla.events.ClusterState;
import io.flotilla.events.Outcome;
import io.flotilla.observer.bootstrap.Bootstrap;
import io.flotilla.observer.cluster.ClusterWatchers;
import io.flotilla.observer.drift.DriftRecords;
import io.flotilla.observer.inventory.ClusterStates;
import io.flotilla.observer.pullsecret.PullSecretSyncs;
import io.flotilla.observer.pullsecret.PullSecretsView;
import io.flotilla.observer.registry.RegistrationRecord;
import io.flotilla.observer.release.Releases;
import io.flotilla.observer.rollout.HeldRolloutView;
import io.flotilla.observer.rollout.HeldRollouts;
import io.smallrye.mutiny.Uni;

/**
 * Reads the registered clusters as {@link ClusterView}s: the registry's rows, the inventory's states, the releases'
 * statuses, drift, bootstrap, held rollouts, pull secrets and which instance watches each, one read after the other (they share the request's session).
 */
@ApplicationScoped
public class ClusterViews {

    private final Mutiny.SessionFactory sessions;
    private final ClusterStates states;
    private final Releases releases;
    private final DriftRecords drifts;
    private final Bootstrap bootstrap;
    private final HeldRollouts rollouts;
    private final PullSecretSyncs pullSecrets;
    private final ClusterWatchers watchers;

    public ClusterViews(Mutiny.SessionFactory sessions, ClusterStates states, Releases releases, DriftRecords drifts,
            Bootstrap bootstrap, HeldRollouts rollouts, PullSecretSyncs pullSecrets, ClusterWatchers watchers) {
        this.watchers = watchers;
        this.sessions = sessions;
        this.states = states;
        this.releases = releases;
        this.drifts = drifts;
        this.bootstrap = bootstrap;
        this.rollouts = rollouts;
        this.pullSecrets = pullSecrets;
    }

    /** The registered clusters whose labels the selector matches, by name. */
    public Uni<List<ClusterView>> matching(LabelSelector selector) {
        return read(registration -> selector.matches(registration.labelMap())).map(Fleet::views);
    }

    /**
     * The registered clusters whose labels the selector matches, with what was read for them about the whole fleet,
     * which the overview shows too: so it is read once per page.
     */
    public Uni<Fleet> fleet(LabelSelector selector) {
        return read(registration -> selector.matches(registration.labelMap()));
    }

    /** The registered cluster of that name; empty when none is registered. */
    public Uni<Optional<ClusterView>> named(String name) {
        return read(registration -> registration.name.equals(name)).map(fleet -> fleet.views().stream().findFirst());
    }

    /**
     * Clusters as views, and what was read of the whole fleet to make them.
     *
     * @param drifted  the releases ({@code cluster/namespace/name}) drifted now
     * @param held     the rollouts held at a wave gate
     * @param outcomes each cluster's releases counted by status
     */
    public record Fleet(List<ClusterView> views, Set<String> drifted, List<HeldRolloutView> held,
            Map<String, Map<Outcome, Long>> outcomes) {
    }

    private Uni<Fleet> read(Predicate<RegistrationRecord> chosen) {
        return sessions.withSession(session -> session
                .createNamedQuery(RegistrationRecord.LIVE, RegistrationRecord.class).getResultList())
                .map(all -> all.stream().filter(chosen).toList())
                .chain(registered -> states.all().chain(latest -> releases.countsByCluster()
                        .chain(counts -> releases.lastReconciledByCluster()
                                .chain(reconciled -> drifts.releases()
                                        .chain(drifted -> bootstrap.counts()
                                                .chain(progress -> bootstrap.waves()
                                                        .chain(waves -> rollouts.all()
                                                                .chain(held -> pullSecrets.all()
                                                                        .chain(synced -> watchers.all()
                                                                        .map(watching -> new Fleet(new Readings(latest,
                                                                                counts, reconciled, drifted, progress,
                                                                                waves, held, synced, watching)
                                                                                .views(registered),
                                                                                drifted, held, counts)))))))))));
    }

    /** Everything read, by cluster, put together for each registered cluster. */
    private record Readings(List<ClusterState> states, Map<String, Map<Outcome, Long>> counts,
            Map<String, Instant> reconciled, Set<String> drifted, Map<String, Bootstrap.Counts> progress,
            Map<String, List<String>> waves, List<HeldRolloutView> held, Map<String, PullSecretsView> synced,
            Map<String, String> watching) {

        List<ClusterView> views(List<RegistrationRecord> registered) {
            Map<String, ClusterState> byName = states.stream()
                    .collect(Collectors.toMap(ClusterState::cluster, Function.identity()));
            List<ClusterView> views = new ArrayList<>();
            for (RegistrationRecord registration : registered) {
                String name = registration.name;
                ClusterState state = byName.get(name);
                Map<Outcome, Long> releaseCounts = counts.getOrDefault(name, Map.of());
                Bootstrap.Counts bootstrapped = progress.getOrDefault(name, new Bootstrap.Counts(0, 0));
                views.add(new ClusterView(state == null ? new ClusterState(name, false, null, 0, 0, 0, 0, null) : state,
                        registration.labelMap(), registration.source, registration.server, registration.registeredAt,
                        state == null ? "Unknown" : state.reachable() ? "Reachable" : "Unreachable",
                        reconciled.get(name),
                        new ClusterView.ReleaseCounts(releaseCounts.getOrDefault(Outcome.Ready, 0L),
                                releaseCounts.getOrDefault(Outcome.Failed, 0L),
                                drifted.stream().filter(release -> release.startsWith(name + "/")).count()),
                        new ClusterView.BootstrapProgress(bootstrapped.ready(), bootstrapped.total(),
                                registration.allReadyAt == null ? null : Math.max(0, Duration.between(
                                        registration.registeredAt, registration.allReadyAt).toSeconds())),
                        waves.getOrDefault(name, List.of()),
                        held.stream().filter(rollout -> rollout.cluster().equals(name)).toList(),
                        synced.get(name), watching.get(name)));
            }
            return views;
        }
    }
}
