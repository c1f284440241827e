/**
 * The applier's tables: each release's state and its numbered revisions, with the objects of Ready ones kept
 * for rollbacks and drift correction.
 */
package io.flotilla.applier.history;
