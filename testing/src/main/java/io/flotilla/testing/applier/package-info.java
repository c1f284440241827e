/**
 * The applier on its own, as the tests of its faults and the reconcile benchmark run it: its packaged application
 * as a process, a Kafka broker that can be stopped and started again on its port, a database of its own on the
 * shared PostgreSQL, simulated clusters that can be wiped, rendered releases published straight on the rendered
 * topic, and what a user would check afterwards ({@code Convergence}).
 */
package io.flotilla.testing.applier;
