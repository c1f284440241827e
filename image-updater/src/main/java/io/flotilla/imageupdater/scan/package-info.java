/**
 * Scanning image repositories: one scan lists a repository's tags once for every policy following it
 * ({@code RepositoryScan}); {@code ScanSchedule} says when each is scanned next (its interval, a doubling backoff
 * after a failure, at once on a registry webhook).
 */
package io.flotilla.imageupdater.scan;
