/**
 * Helm hooks: which objects are hooks of which phase, and running them around an install or an upgrade.
 */
package io.flotilla.applier.hook;
