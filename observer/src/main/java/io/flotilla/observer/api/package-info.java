/**
 * The observer's REST resources ({@code /api/...}, the dashboard at {@code /}): each reads its parameters, asks a
 * concept package and returns what it answers. A new endpoint goes here; what it reads goes beside its concept.
 */
package io.flotilla.observer.api;
