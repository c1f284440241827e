package io.flotilla.applier.reconcile;

import java.util.List;

import io.flotilla.applier.apply.ApplyReport;
import io.flotilla.events.Outcome;

/** Marks a suspended release ({@code spec.suspend}) {@code Suspended}, touching nothing on its cluster. */
public final class Suspend implements ReleaseAction {

    @Override
    public ActionResult reconcile(ActionRequest request) {
        return new ActionResult(new ApplyReport(Outcome.Suspended, List.of(), null));
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
