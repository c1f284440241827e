package io.flotilla.applier.hook;

/** Which of Helm's hooks run around an apply: those of an install, or those of an upgrade. */
public enum HookPhase {
    INSTALL("install"),
    UPGRADE("upgrade");

    private final String helmName;

    HookPhase(String helmName) {
        this.helmName = helmName;
    }

    /** The hook phase before the objects are applied, as annotated: {@code pre-install}, {@code pre-upgrade}. */
    public String before() {
        return "pre-" + helmName;
    }

    /** The hook phase once every object is applied: {@code post-install}, {@code post-upgrade}. */
    public String after() {
        return "post-" + helmName;
    }
}
