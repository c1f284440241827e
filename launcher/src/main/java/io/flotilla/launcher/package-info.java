/**
 * {@code ./flotilla}: the command line entry that dispatches to up, down, status and bench.
 */
package io.flotilla.launcher;
