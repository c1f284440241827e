/**
 * The CDI edge of the git module, shared by the services that fetch sources: {@code flotilla.source-secrets.*}
 * read once ({@code SourceSecretsConfig}) into the service's {@code SourceSecrets} and {@code GitCredentials}
 * ({@code SourceSecretsProducer}). Its annotations' libraries are provided by Quarkus; code that uses the module
 * without Quarkus never loads this package.
 */
package io.flotilla.git.quarkus;
