package io.flotilla.observer.rollout;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.RolloutHeld;
import io.smallrye.mutiny.Uni;

/**
 * The releases held at a wave gate now: kept from each {@link RolloutHeld}, cleared by the release's next
 * {@link ReleaseApplied} (one applied before the hold, relayed late, clears nothing).
 */
@ApplicationScoped
public class HeldRollouts {

    private final Mutiny.SessionFactory sessions;

    public HeldRollouts(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<Void> held(Mutiny.Session session, RolloutHeld held) {
        return session.find(HeldRollout.class, held.release().toString()).chain(existing -> {
            if (existing != null && existing.heldAt.isAfter(held.heldAt())) {
                return Uni.createFrom().voidItem();
            }
            HeldRollout row = existing == null ? new HeldRollout() : existing;
            row.release(held.release());
            row.rollout = held.rollout();
            row.wave = held.wave();
            row.waveName = held.waveName();
            row.halted = held.halted();
            row.blockingCluster = held.blockingCluster();
            row.reason = held.reason();
            row.sourceSha = held.sourceSha();
            row.commitOrder = held.commitOrder();
            row.heldAt = held.heldAt();
            return existing == null ? session.persist(row) : Uni.createFrom().voidItem();
        });
    }

    public Uni<Void> applied(Mutiny.Session session, ReleaseApplied applied) {
        return session.createNamedQuery(HeldRollout.RELEASED).setParameter("key", applied.release().toString())
                .setParameter("at", applied.appliedAt() == null ? Instant.now() : applied.appliedAt())
                .executeUpdate().replaceWithVoid();
    }

    /** Every held or halted release, by cluster, namespace and name. */
    public Uni<List<HeldRolloutView>> all() {
        return sessions.withSession(session -> session.createNamedQuery(HeldRollout.IN_ORDER, HeldRollout.class)
                .getResultList()).map(rows -> rows.stream().map(HeldRolloutView::of).toList());
    }
}
