/**
 * The command line's options, parsed and checked.
 */
package io.flotilla.launcher.cli;
