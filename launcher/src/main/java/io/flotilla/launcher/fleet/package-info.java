/**
 * The example fleet under {@code examples/fleet}, turned into a working repository that names itself.
 */
package io.flotilla.launcher.fleet;
