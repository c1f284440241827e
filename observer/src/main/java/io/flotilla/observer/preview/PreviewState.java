package io.flotilla.observer.preview;

/** Where a preview of a branch's newest commit stands. */
public enum PreviewState {
    /** Asked for; the renderer has not said yet what the commit changes. */
    REQUESTED,
    /** The renderer planned what changes; the applier has not checked every release that rendered yet. */
    RENDERED,
    /** Every release that rendered was checked against its cluster (or nothing rendered). */
    COMPLETE,
    /** The pull request was closed or the branch deleted: nothing more is previewed or posted. */
    CLOSED
}
