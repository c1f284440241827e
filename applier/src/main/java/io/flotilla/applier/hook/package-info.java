/**
 * Helm hooks: which objects are hooks of which phase, and running them around an install, an upgrade, a rollback or
 * an uninstall, and as the release's tests.
 */
package io.flotilla.applier.hook;
