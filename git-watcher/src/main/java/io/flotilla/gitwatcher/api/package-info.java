/**
 * The REST edge: {@code /hooks/<host>} receives webhook deliveries, {@code /api/sources} lists, adds and removes
 * sources. Resources only translate HTTP; what a delivery means is decided in {@code webhook}, the sources live in
 * {@code sync}.
 */
package io.flotilla.gitwatcher.api;
