/**
 * The Quarkus edge of the security module, the same in every service: {@code flotilla.auth.*}
 * ({@code AuthConfig}), API tokens from it ({@code ApiTokensProducer}) presented as {@code Authorization: Bearer}
 * or the dashboard's cookie ({@code ApiTokenMechanism}, {@code ApiTokenIdentityProvider}), OpenID Connect identities'
 * groups turned into Flotilla's roles ({@code FlotillaRoles}), and the one check every request passes
 * ({@code AccessGate}): 401 or 403 with a message naming the role needed. {@code CallerToken} hands a caller's
 * token on to another service that acts for them.
 */
package io.flotilla.security.quarkus;
