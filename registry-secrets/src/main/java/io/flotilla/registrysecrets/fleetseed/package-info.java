/**
 * Fleet-wide seeds: pull secrets defined once for the fleet, in Flotilla's configuration (a
 * {@code .dockerconfigjson} file per seed) or as labelled Secrets of the cluster Flotilla runs in, each for the
 * clusters its label selector matches. Their data is held in this process only; what leaves it is digests.
 */
package io.flotilla.registrysecrets.fleetseed;
