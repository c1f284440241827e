/**
 * {@code ./flotilla status}: the releases per cluster as the observer's API reports them, printed as a table.
 */
package io.flotilla.launcher.status;
