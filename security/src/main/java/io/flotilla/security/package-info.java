/**
 * Who may call Flotilla and what they may do, in plain Java every service and the launcher share: the three roles
 * ({@code Role}), API tokens kept as hashes only ({@code ApiToken}, {@code ApiTokens}, {@code TokenHash}, read from a
 * file by {@code TokensFile}) and the rules saying which role a request needs ({@code AccessRules}). The Quarkus edge
 * that applies them to every HTTP request is {@code io.flotilla.security.quarkus}.
 */
package io.flotilla.security;
