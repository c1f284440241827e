/**
 * Drift detection: which rendering an applied revision applied ({@code Renderings}), the live objects of followed
 * releases ({@code LiveObjects}, {@code ObjectOwners}), the comparison ({@code ReleaseDrift}, {@code DriftDetector},
 * {@code Quantities}, {@code FieldOwners}) and what is told of it ({@code DriftReports}, {@code DriftRecords}), joined
 * by {@code DriftWatch}. A field that must never count as drift is taught to {@code DriftDetector}.
 */
package io.flotilla.observer.drift;
