/**
 * The fleet dashboard: what a page shows ({@link io.flotilla.observer.dashboard.Dashboard}), how it is read, and
 * one writer per section of its HTML. A new section gets a class of its own, called from {@code DashboardPage}.
 */
package io.flotilla.observer.dashboard;
