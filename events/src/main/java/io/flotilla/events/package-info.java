/**
 * The wire contract between the services: event records (a new event or field is added here once), their envelope
 * and JSON codec, topics and keys, the typed vocabularies (object actions, drift modes, CRD policies, release
 * formats) and {@link io.flotilla.events.ObjectRef}, the one resource identity. Tests build the large records with
 * their builders ({@code ReleaseRendered.builder()}).
 */
package io.flotilla.events;
