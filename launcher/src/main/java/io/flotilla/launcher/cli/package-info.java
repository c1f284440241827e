/**
 * The command line: its options, parsed and checked, the commands that call a service's API ({@code reconcile} the
 * applier's, {@code dead-letters} the observer's), where those services answer, and their JSON over HTTP.
 */
package io.flotilla.launcher.cli;
