/**
 * A real OpenID Connect provider for tests, without a container: Keycloak's distribution from Maven Central run as a
 * process ({@code KeycloakServer}) with a realm of known users and roles imported at start, and a Quarkus test
 * resource that points a service's {@code quarkus.oidc.*} at it ({@code KeycloakTestResource}).
 */
package io.flotilla.testing.oidc;
