/**
 * Server-side apply of a desired release to its cluster: dry run, install order, namespaces, prune, and the
 * report of what each object came to. What to apply and when is decided in {@code reconcile}.
 */
package io.flotilla.applier.apply;
