package io.flotilla.applier.reconcile;

import java.util.List;

import io.flotilla.applier.apply.ApplyReport;

/** Records why a release could not be rendered, {@code Failed}, touching nothing on its cluster. */
public final class RecordRenderFailure implements ReleaseAction {

    @Override
    public ActionResult reconcile(ActionRequest request) {
        return new ActionResult(ApplyReport.failed(request.desired().error(), List.of()));
    }

    @Override
    public String name() {
        return "record-render-failure";
    }

    @Override
    public ActionType type() {
        return ActionType.RECORD;
    }
}
