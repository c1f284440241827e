/**
 * Processes a test or a benchmark runs for its own duration: servers (a container registry, {@code git daemon}),
 * stopped with it, and Flotilla's own packaged services ({@code PackagedService}), which it may also kill and start
 * again; the local stack's long-lived processes are the launcher's {@code ChildProcess}.
 */
package io.flotilla.testing.process;
