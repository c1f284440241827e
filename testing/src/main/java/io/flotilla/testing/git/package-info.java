/**
 * Real Git repositories for tests (JGit, a work tree and commits), the webhook deliveries a Git host sends for a
 * push, and Git servers that ask for credentials: smart HTTP behind basic or bearer authentication
 * ({@link io.flotilla.testing.git.GitHttpServer}) and SSH with a key and a host key ({@link io.flotilla.testing.git.GitSshServer}).
 */
package io.flotilla.testing.git;
