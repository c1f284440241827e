package io.flotilla.observer.notify;

/** What happened to a release that people are told of. */
public enum ChangeKind {
    FAILED("Failed", Severity.ERROR),
    /** Its live objects differ from what was applied. */
    DRIFTED("Drifted", Severity.WARNING),
    /** Ready again after it failed or drifted. */
    RECOVERED("Recovered", Severity.INFO),
    /** Its rollout stopped at a wave gate because the wave before failed. */
    ROLLOUT_HALTED("Rollout halted", Severity.ERROR);

    private final String title;
    private final Severity severity;

    ChangeKind(String title, Severity severity) {
        this.title = title;
        this.severity = severity;
    }

    /** As people read it: {@code Failed}, {@code Rollout halted}. */
    public String title() {
        return title;
    }

    public Severity severity() {
        return severity;
    }
}
