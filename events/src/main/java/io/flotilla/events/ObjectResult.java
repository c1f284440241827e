package io.flotilla.events;

/** What applying one object did: {@code action} is {@code applied} or {@code failed}, with the API server's message. */
public record ObjectResult(ObjectRef object, String action, String error) {

    public static ObjectResult applied(ObjectRef object) {
        return new ObjectResult(object, "applied", null);
    }

    public static ObjectResult failed(ObjectRef object, String error) {
        return new ObjectResult(object, "failed", error);
    }
}
