/**
 * The local stack {@code ./flotilla up} starts and {@code down} stops: Kafka, PostgreSQL, simulated clusters and
 * each service as a process of its own, on the ports the checkout's {@code .env} defines ({@link
 * io.flotilla.launcher.stack.ServicePorts}).
 */
package io.flotilla.launcher.stack;
