/** The renderer's HTTP API: how the repositories' releases are targeted ({@code GET /api/targeting}). */
package io.flotilla.renderer.api;
