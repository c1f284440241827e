/**
 * The last commit emitted per source, kept in PostgreSQL so that a restarted watcher resumes where it stopped, and the
 * time of its last fetch, so that a source whose lease moves keeps its poll schedule.
 */
package io.flotilla.gitwatcher.position;
