/**
 * Whether applied objects became healthy: one rule per kind in a file named for it ({@code CronJobHealth}, after
 * Argo CD's {@code health_<kind>.go}), listed by group and kind in {@link io.flotilla.applier.health.HealthRules},
 * and {@link io.flotilla.applier.health.HealthWait}, which polls them after an apply. To add a rule: one new
 * {@code <Kind>Health} implementing {@link io.flotilla.applier.health.HealthRule}, one line in {@code HealthRules}.
 */
package io.flotilla.applier.health;
