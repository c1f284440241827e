package io.flotilla.imageupdater.declaration;

/**
 * How the commit that writes an automation's edits is made, as a Flux v2 ImageUpdateAutomation says
 * ({@code git.push.branch}, {@code git.commit.author}, {@code git.commit.messageTemplate}); every field null takes
 * git-watcher's defaults, as Flux v1 releases do.
 */
public record CommitSettings(String pushBranch, String author, String messageTemplate) {

    /** git-watcher's defaults: the branch read, its configured author, {@code Auto-release <image>:<tag>}. */
    public static final CommitSettings DEFAULTS = new CommitSettings(null, null, null);
}
