package io.flotilla.imageupdater.declaration;

/**
 * An automation declaration that cannot be followed: its message names the file, the object, the annotation and
 * the reason, such as {@code releases/dev/podinfo.yaml: HelmRelease dev/podinfo: annotation
 * filter.fluxcd.io/app: ...}. Nothing of that object is automated; other objects are read on.
 */
public class DeclarationException extends Exception {

    private final String source;
    private final String object;
    private final String annotation;
    private final String reason;

    public DeclarationException(String source, String object, String annotation, String reason) {
        super(source + ": " + object + ": annotation " + annotation + ": " + reason);
        this.source = source;
        this.object = object;
        this.annotation = annotation;
        this.reason = reason;
    }

    /** The file the object came from. */
    public String source() {
        return source;
    }

    /** The object, as {@code HelmRelease namespace/name}. */
    public String object() {
        return object;
    }

    /** The annotation at fault. */
    public String annotation() {
        return annotation;
    }

    /** Why it cannot be followed, without the file, object and annotation. */
    public String reason() {
        return reason;
    }
}
