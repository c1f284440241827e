/**
 * A real container registry (Debian's docker-registry) started for tests that push or pull images and OCI charts.
 */
package io.flotilla.testing.registry;
