/**
 * Real Git repositories for tests (JGit, a work tree and commits) and the webhook deliveries a Git host sends for a
 * push.
 */
package io.flotilla.testing.git;
