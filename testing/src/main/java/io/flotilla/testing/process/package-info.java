/**
 * Servers a test or a benchmark runs as child processes for its own duration (a container registry, {@code git
 * daemon}), stopped with it; the local stack's long-lived processes are the launcher's {@code ChildProcess}.
 */
package io.flotilla.testing.process;
