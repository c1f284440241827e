/**
 * Calling a service's API in a test as a user does, with a token: {@code TestTokens} holds one token per role, whose
 * hashes this module's {@code META-INF/microprofile-config.properties} gives every service in its test profile.
 */
package io.flotilla.testing.security;
