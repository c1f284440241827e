/**
 * Envelope encryption of what must stay secret on topics and in tables: the data of Secret objects a rendering
 * carries ({@link io.flotilla.events.sealing.SecretObjects}) and credentials a service keeps. A {@link
 * io.flotilla.events.sealing.KeyRing} holds the key-encryption keys by id (the first one seals, every one opens, so
 * keys can be rotated); each sealing makes a {@link io.flotilla.events.sealing.DataKey}, a fresh AES-256-GCM key
 * wrapped with the ring's current key, and every sealed value names the key that wrapped it. JDK crypto only.
 */
package io.flotilla.events.sealing;
