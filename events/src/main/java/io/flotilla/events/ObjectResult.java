package io.flotilla.events;

/** What the applier did to one object, with the API server's message where it failed. */
public record ObjectResult(ObjectRef object, ObjectAction action, String error) {

    public static ObjectResult applied(ObjectRef object) {
        return new ObjectResult(object, ObjectAction.APPLIED, null);
    }

    public static ObjectResult failed(ObjectRef object, String error) {
        return new ObjectResult(object, ObjectAction.FAILED, error);
    }
}
