/**
 * The git-watcher's bare mirror of each watched repository, built on {@code io.flotilla.git.BareClone}: fetching a
 * branch or the tags with the source's credentials ({@code io.flotilla.git.RemoteAccess}: HTTPS, a bearer token, SSH
 * with known_hosts, or a Secret), a refusal said as such, and packing beside the fetches.
 */
package io.flotilla.gitwatcher.mirror;
