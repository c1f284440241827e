/**
 * {@code flotilla bootstrap}: Flotilla's own installation written into the fleet repository, so that Flotilla
 * manages itself from Git as Flux bootstraps itself.
 */
package io.flotilla.launcher.bootstrap;
