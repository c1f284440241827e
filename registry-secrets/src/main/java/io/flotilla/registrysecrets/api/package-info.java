/** The REST API of registry-secrets: the pull secrets' coverage per cluster, digests only. */
package io.flotilla.registrysecrets.api;
