/**
 * Pull-request and branch previews: what a branch would change on each cluster, as the renderer planned it
 * ({@code PreviewPlanned}) and the applier checked it ({@code PreviewChecked}), kept per preview for its newest
 * commit ({@link io.flotilla.observer.preview.Previews}, tables {@code preview} and {@code preview_result}) and read
 * back whole ({@link io.flotilla.observer.preview.Preview}) for the API, the dashboard and what is posted to the Git
 * host.
 */
package io.flotilla.observer.preview;
