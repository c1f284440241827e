package io.flotilla.events;

/** What the applier did to one object, with the API server's message where it failed. */
public record ObjectResult(ObjectRef object, ObjectAction action, String error) {

    public static ObjectResult applied(ObjectRef object) {
        return new ObjectResult(object, ObjectAction.APPLIED, null);
    }

    /** Whether the object is now on its cluster as the release rendered it (applied, or taken over). */
    public boolean onCluster() {
        return action == ObjectAction.APPLIED || action == ObjectAction.TAKEN_OVER;
    }

    public static ObjectResult failed(ObjectRef object, String error) {
        return new ObjectResult(object, ObjectAction.FAILED, error);
    }
}
