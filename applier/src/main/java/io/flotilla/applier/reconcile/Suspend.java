package io.flotilla.applier.reconcile;

import java.util.List;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.applier.history.ReleaseHistory;
import io.flotilla.applier.history.ReleaseState;
import io.flotilla.applier.history.Suspension;
import io.flotilla.events.Outcome;

/**
 * Marks a suspended release {@code Suspended}, touching nothing on its cluster: suspended by its file
 * ({@code spec.suspend}), or by hand ({@code flotilla suspend}), then with who, when and why as its message.
 */
public final class Suspend implements ReleaseAction {

    private final ReleaseHistory history;

    public Suspend(ReleaseHistory history) {
        this.history = history;
    }

    @Override
    public ActionResult reconcile(ActionRequest request) {
        String byHand = history.state(request.desired().release()).map(ReleaseState::suspension)
                .map(Suspension::describe).orElse(null);
        return new ActionResult(new ApplyReport(Outcome.Suspended, List.of(), byHand));
    }

    @Override
    public String name() {
        return "suspend";
    }

    @Override
    public ActionType type() {
        return ActionType.RECORD;
    }
}
