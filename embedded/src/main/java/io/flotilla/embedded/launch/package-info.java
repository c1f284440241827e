/**
 * What the {@code main} classes the launcher starts as child processes share: their command line, logging to
 * stderr, one ready line on stdout and a clean stop on SIGTERM. A new component run by {@code ./flotilla up} uses it.
 */
package io.flotilla.embedded.launch;
