/**
 * Database work for threads that block anyway, shared by the stores of positions and registered sources.
 */
package io.flotilla.gitwatcher.store;
