/**
 * Where Flotilla may reach out to when a user, not its operator, names the place: Git remotes added through the API
 * or named in a commit, chart repositories, registries and values URLs.
 */
package io.flotilla.git.outbound;
