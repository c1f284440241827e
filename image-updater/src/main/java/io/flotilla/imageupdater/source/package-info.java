/**
 * The Git sources declarations are read from: a bare clone of each, fetched when a commit is missing, and the
 * YAML files of a commit read from Git's object database.
 */
package io.flotilla.imageupdater.source;
