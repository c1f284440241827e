package io.flotilla.observer.trend;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.flotilla.events.ClusterState;
import io.flotilla.events.Outcome;
import io.flotilla.observer.release.Releases;
import io.flotilla.observer.timeline.Timeline;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the fleet over time as the events come: each commit's detection in the transaction that keeps it, and each
 * cluster's releases Ready and each commit's hops as {@link io.flotilla.observer.intake.Recounts} asks for them after
 * the events that change them are kept; each cluster's versions as its states are taken. Reads them back for the
 * dashboard's plots and the cluster page's upgrades. Rows older than {@link #KEPT} are deleted whenever a new hour,
 * commit or day begins a row.
 */
@ApplicationScoped
public class Trends {

    /** How long the fleet's past is kept. */
    public static final Duration KEPT = Duration.ofDays(14);

    /** How far back the overview's small plot of each cluster's releases Ready goes. */
    public static final Duration OVERVIEW_READY = Duration.ofHours(48);

    /** How many of the latest commits the latency plot shows. */
    public static final int COMMITS = 20;

    private static final String RENDERED = "ReleaseRendered";
    private static final String APPLIED = "ReleaseApplied";

    /** A cluster's releases after the last one applied in an hour. */
    public record Ready(Instant hour, int ready, int total) {
    }

    /** How long a commit took to each hop after it was detected; null for a hop none of its releases reached. */
    public record Latency(String sha, Instant detectedAt, Long renderedMs, Long appliedMs) {
    }

    /** How many times drift was found on a day. */
    public record Drift(LocalDate day, int found) {
    }

    /** How many of a cluster's version changes its page shows, newest first. */
    public static final int VERSIONS_SHOWN = 50;

    /**
     * The versions a cluster ran from {@code seenAt} on: its API server's and its nodes' kubelets (distinct, sorted).
     *
     * @param kubernetesVersion null when the API server did not say
     */
    public record Versions(Instant seenAt, String kubernetesVersion, List<String> kubelets) {

        public Versions {
            kubelets = List.copyOf(kubelets);
        }
    }

    /** What the overview plots: releases Ready by cluster, the latest commits' hops, drift per day. */
    public record Overview(Map<String, List<Ready>> ready, List<Latency> commits, List<Drift> drift) {

        public static final Overview NONE = new Overview(Map.of(), List.of(), List.of());
    }

    private final Mutiny.SessionFactory sessions;
    private final Releases releases;
    private final Timeline timeline;

    public Trends(Mutiny.SessionFactory sessions, Releases releases, Timeline timeline) {
        this.sessions = sessions;
        this.releases = releases;
        this.timeline = timeline;
    }

    /**
     * Releases on {@code cluster} were applied, or found in another status by a reconcile: how many of its releases
     * are Ready now, kept for the hour of {@code at}.
     */
    public Uni<Void> releasesChanged(Mutiny.Session session, String cluster, Instant at) {
        Instant hour = at.truncatedTo(ChronoUnit.HOURS);
        return releases.countsOf(session, cluster).chain(counts -> session.find(ReadyHour.class, cluster + "@" + hour)
                .chain(known -> {
                    ReadyHour row = known == null ? new ReadyHour() : known;
                    row.ready = counts.getOrDefault(Outcome.Ready, 0L).intValue();
                    row.total = (int) counts.values().stream().mapToLong(Long::longValue).sum();
                    if (known != null) {
                        return Uni.createFrom().voidItem();
                    }
                    row.clusterHour = cluster + "@" + hour;
                    row.cluster = cluster;
                    row.hourStart = hour;
                    return session.persist(row).call(() -> forget(session, ReadyHour.DELETE_BEFORE));
                }));
    }

    /**
     * A commit was detected at {@code at}: its hops are counted from then, those of its releases kept before it
     * (their topics are read apart from the commits') included.
     */
    public Uni<Void> detected(Mutiny.Session session, String correlationId, String sha, Instant at) {
        return session.find(CommitHops.class, correlationId).chain(known -> {
            if (known != null) {
                return Uni.createFrom().voidItem();
            }
            return timeline.lastOfJourney(session, correlationId, List.of(RENDERED, APPLIED)).chain(before -> {
                CommitHops hops = new CommitHops();
                hops.correlationId = correlationId;
                hops.sha = sha;
                hops.detectedAt = at;
                hops.renderedMs = before.containsKey(RENDERED) ? after(at, before.get(RENDERED)) : null;
                hops.appliedMs = before.containsKey(APPLIED) ? after(at, before.get(APPLIED)) : null;
                return session.persist(hops).call(() -> forget(session, CommitHops.DELETE_BEFORE));
            });
        });
    }

    /**
     * Releases of the commit of this journey were rendered or applied: its hops are the latest of each the timeline
     * holds. Asked by {@link io.flotilla.observer.intake.Recounts} once for the events of a moment, not for each.
     */
    public Uni<Void> journeyMoved(Mutiny.Session session, String correlationId) {
        return session.find(CommitHops.class, correlationId).chain(hops -> hops == null ? Uni.createFrom().voidItem()
                : timeline.lastOfJourney(session, correlationId, List.of(RENDERED, APPLIED)).invoke(last -> {
                    if (last.containsKey(RENDERED)) {
                        hops.renderedMs = after(hops.detectedAt, last.get(RENDERED));
                    }
                    if (last.containsKey(APPLIED)) {
                        hops.appliedMs = after(hops.detectedAt, last.get(APPLIED));
                    }
                }).replaceWithVoid());
    }

    /** A drift was found at {@code at}. */
    public Uni<Void> driftFound(Mutiny.Session session, Instant at) {
        Instant day = at.truncatedTo(ChronoUnit.DAYS);
        return session.createNamedQuery(DriftDay.ONE_MORE).setParameter("day", day).executeUpdate()
                .chain(updated -> {
                    if (updated > 0) {
                        return Uni.createFrom().voidItem();
                    }
                    DriftDay row = new DriftDay();
                    row.dayStart = day;
                    row.found = 1;
                    return session.persist(row).call(() -> forget(session, DriftDay.DELETE_BEFORE));
                });
    }

    /**
     * A cluster's state was taken: its versions are kept when they differ from the last kept (an upgrade of its API
     * server or of a node, a node of another version joining). A state without a Kubernetes version (the cluster did
     * not answer) says nothing of them.
     */
    public Uni<Void> versionsSeen(Mutiny.Session session, ClusterState state) {
        if (state.kubernetesVersion() == null) {
            return Uni.createFrom().voidItem();
        }
        String kubelets = String.join(",", new TreeSet<>(state.nodes().stream().map(ClusterState.Node::kubeletVersion)
                .filter(Objects::nonNull).toList()));
        return session.createNamedQuery(VersionsSeen.NEWEST_OF_CLUSTER, VersionsSeen.class)
                .setParameter("cluster", state.cluster()).setMaxResults(1).getResultList().chain(newest -> {
                    if (!newest.isEmpty() && Objects.equals(newest.get(0).kubernetesVersion, state.kubernetesVersion())
                            && newest.get(0).kubelets.equals(kubelets)) {
                        return Uni.createFrom().voidItem();
                    }
                    VersionsSeen row = new VersionsSeen();
                    row.seenAt = state.observedAt() == null ? Instant.now() : state.observedAt();
                    row.cluster = state.cluster();
                    row.clusterSeen = state.cluster() + "@" + row.seenAt;
                    row.kubernetesVersion = state.kubernetesVersion();
                    row.kubelets = kubelets;
                    return session.persist(row);
                });
    }

    /** The cluster left the registry: the versions it ran are forgotten with it. */
    public Uni<Void> forgetVersions(Mutiny.Session session, String cluster) {
        return session.createNamedQuery(VersionsSeen.DELETE_OF_CLUSTER).setParameter("cluster", cluster)
                .executeUpdate().replaceWithVoid();
    }

    /** The versions a cluster ran, newest first, the latest {@link #VERSIONS_SHOWN} changes. */
    public Uni<List<Versions>> versionsOf(String cluster) {
        return sessions.withSession(session -> session.createNamedQuery(VersionsSeen.NEWEST_OF_CLUSTER,
                VersionsSeen.class).setParameter("cluster", cluster).setMaxResults(VERSIONS_SHOWN).getResultList())
                .map(rows -> rows.stream().map(row -> new Versions(row.seenAt, row.kubernetesVersion,
                        row.kubelets.isEmpty() ? List.of() : List.of(row.kubelets.split(",")))).toList());
    }

    /** Each cluster's releases Ready for the overview, the latest commits' hops, and drift on each kept day. */
    public Uni<Overview> overview() {
        Instant now = Instant.now();
        return sessions.withSession(session -> session.createNamedQuery(ReadyHour.SINCE, ReadyHour.class)
                .setParameter("since", now.minus(OVERVIEW_READY)).getResultList()
                .chain(hours -> session.createNamedQuery(CommitHops.LATEST, CommitHops.class).setMaxResults(COMMITS)
                        .getResultList()
                        .chain(commits -> session.createNamedQuery(DriftDay.SINCE, DriftDay.class)
                                .setParameter("since", firstDay(now)).getResultList()
                                .map(days -> new Overview(byCluster(hours), oldestFirst(commits),
                                        everyDay(days, now))))));
    }

    /** One cluster's releases Ready, hour by hour, over the time kept. */
    public Uni<List<Ready>> readyOf(String cluster) {
        return sessions.withSession(session -> session.createNamedQuery(ReadyHour.OF_CLUSTER_SINCE, ReadyHour.class)
                .setParameter("cluster", cluster).setParameter("since", Instant.now().minus(KEPT)).getResultList())
                .map(hours -> hours.stream().map(Trends::ready).toList());
    }

    /** @param slower the update that keeps the hop's time when it is slower than the one kept */
    /** Milliseconds from {@code from} to {@code to}; none for an event stamped before its commit by a clock behind. */
    private static long after(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }

    private static Uni<Void> forget(Mutiny.Session session, String deleteBefore) {
        return session.createNamedQuery(deleteBefore).setParameter("before", Instant.now().minus(KEPT))
                .executeUpdate().replaceWithVoid();
    }

    private static Map<String, List<Ready>> byCluster(List<ReadyHour> hours) {
        Map<String, List<Ready>> byCluster = new LinkedHashMap<>();
        hours.forEach(hour -> byCluster.computeIfAbsent(hour.cluster, cluster -> new ArrayList<>()).add(ready(hour)));
        return byCluster;
    }

    private static Ready ready(ReadyHour hour) {
        return new Ready(hour.hourStart, hour.ready, hour.total);
    }

    private static List<Latency> oldestFirst(List<CommitHops> newestFirst) {
        List<Latency> latencies = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            CommitHops hops = newestFirst.get(i);
            latencies.add(new Latency(hops.sha, hops.detectedAt, hops.renderedMs, hops.appliedMs));
        }
        return latencies;
    }

    /** Every day kept, today last, with none found on a day without a row. */
    private static List<Drift> everyDay(List<DriftDay> days, Instant now) {
        Map<LocalDate, Integer> found = new HashMap<>();
        days.forEach(day -> found.put(LocalDate.ofInstant(day.dayStart, ZoneOffset.UTC), day.found));
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Drift> drift = new ArrayList<>();
        for (LocalDate day = LocalDate.ofInstant(firstDay(now), ZoneOffset.UTC); !day.isAfter(today);
                day = day.plusDays(1)) {
            drift.add(new Drift(day, found.getOrDefault(day, 0)));
        }
        return drift;
    }

    private static Instant firstDay(Instant now) {
        return now.truncatedTo(ChronoUnit.DAYS).minus(KEPT).plus(Duration.ofDays(1));
    }
}
