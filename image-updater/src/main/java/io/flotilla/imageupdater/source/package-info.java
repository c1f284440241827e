/**
 * The Git sources declarations are read from: a bare clone of each, fetched when a commit is missing with the Secret
 * configured for the repository ({@code flotilla.source-secrets.repositories}), and the YAML files of a commit read
 * from Git's object database.
 */
package io.flotilla.imageupdater.source;
