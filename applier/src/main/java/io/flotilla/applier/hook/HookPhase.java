package io.flotilla.applier.hook;

/**
 * Which of Helm's hooks run around an action: those of an install, an upgrade, a rollback or an uninstall, each
 * with a phase before the action and one after it.
 */
public enum HookPhase {
    INSTALL("install"),
    UPGRADE("upgrade"),
    ROLLBACK("rollback"),
    DELETE("delete");

    private final String helmName;

    HookPhase(String helmName) {
        this.helmName = helmName;
    }

    /** The hook phase before the action, as annotated: {@code pre-install}, {@code pre-delete}... */
    public String before() {
        return "pre-" + helmName;
    }

    /** The hook phase once the action is done: {@code post-install}, {@code post-delete}... */
    public String after() {
        return "post-" + helmName;
    }
}
