/** The plain-Java image-updater put together from its configuration, for Quarkus to inject. */
package io.flotilla.imageupdater.wiring;
