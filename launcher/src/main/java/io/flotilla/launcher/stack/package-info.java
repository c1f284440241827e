/**
 * The local stack {@code ./flotilla up} starts and {@code down} stops: Kafka, PostgreSQL, simulated clusters (and
 * spare ones, registered nowhere, when asked for) and each service as a process of its own, on the ports the
 * checkout's {@code .env} defines ({@link io.flotilla.launcher.stack.ServicePorts}), sharing the stack's key ring
 * ({@link io.flotilla.launcher.stack.StackSecretKeys}), which seals Secret data and credentials, cluster credentials
 * included.
 */
package io.flotilla.launcher.stack;
