/**
 * The last commit emitted per source, kept in PostgreSQL so that a restarted watcher resumes where it stopped.
 */
package io.flotilla.gitwatcher.position;
