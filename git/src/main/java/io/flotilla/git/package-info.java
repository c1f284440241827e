/**
 * Git as every service that reads it sees it: {@link io.flotilla.git.RepositoryUrl} tells whether two locations
 * name the same repository, {@link io.flotilla.git.BareClone} keeps a bare clone fetched incrementally. What only
 * one service needs (credentials, packing, ref resolution) stays in that service, built on these.
 */
package io.flotilla.git;
