/**
 * The command line: its options, parsed and checked, the commands that call a service's API ({@code reconcile} and
 * {@code rollout} the applier's, {@code dead-letters}, {@code cluster}, {@code get previews} and
 * {@code describe preview} the observer's), labels as {@code kubectl label} writes them, the tables they print, where
 * those services answer, and their JSON over HTTP.
 */
package io.flotilla.launcher.cli;
