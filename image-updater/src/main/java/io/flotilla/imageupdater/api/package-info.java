/** The REST edge: {@code GET /api/automations} and the registry webhook {@code POST /hooks/registry}. */
package io.flotilla.imageupdater.api;
