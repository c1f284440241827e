/**
 * Registry webhooks: the pushes the distribution registry's notifications, Docker Hub, Harbor and GHCR (GitHub
 * package events) deliver, and the shared secret they prove themselves with.
 */
package io.flotilla.imageupdater.webhook;
