/**
 * The local stack {@code ./flotilla up} starts and {@code down} stops: Kafka, PostgreSQL, simulated clusters (and
 * spare ones, registered nowhere, when asked for) and each service as a process of its own, on the ports the
 * checkout's {@code .env} defines ({@link io.flotilla.launcher.stack.ServicePorts}), sharing the stack's credentials
 * key ({@link io.flotilla.launcher.stack.StackCredentialsKey}).
 */
package io.flotilla.launcher.stack;
