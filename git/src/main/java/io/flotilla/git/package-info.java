/**
 * Git as every service that reads it sees it: {@link io.flotilla.git.RepositoryUrl} tells whether two locations
 * name the same repository, {@link io.flotilla.git.BareClone} keeps a bare clone fetched incrementally,
 * {@link io.flotilla.git.RemoteAccess} proves who fetches (HTTPS basic, bearer token, SSH key checked against
 * known_hosts) and {@link io.flotilla.git.GitCredentials} finds it in the Secret a repository's source names
 * ({@code io.flotilla.git.secret}), or opens the credentials a commit of a source added through git-watcher's API
 * carries sealed ({@link io.flotilla.git.SealedSourceAccess}). What only one service needs (packing, ref resolution) stays in that service.
 */
package io.flotilla.git;
