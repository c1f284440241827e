package io.flotilla.security.quarkus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.flotilla.security.ApiToken;
import io.flotilla.security.ApiTokens;
import io.flotilla.security.TokensFile;
import io.quarkus.runtime.Startup;

/**
 * The service's {@link ApiTokens}: those of {@code flotilla.auth.tokens-file} and of {@code flotilla.auth.tokens.*},
 * read once at start ({@link Startup}: Quarkus would otherwise read them at the first request, which, like every
 * other, would then fail). A mistake in either stops the service with the file or key and the reason.
 */
public class ApiTokensProducer {

    private static final Logger LOG = Logger.getLogger(ApiTokensProducer.class);

    @Produces
    @Singleton
    @Startup
    ApiTokens apiTokens(AuthConfig config) {
        List<ApiToken> tokens = new ArrayList<>();
        config.tokensFile().ifPresent(file -> tokens.addAll(TokensFile.read(file)));
        for (Map.Entry<String, AuthConfig.Token> entry : config.tokens().entrySet()) {
            String name = entry.getKey();
            try {
                tokens.add(new ApiToken(name, TokensFile.roles(name, entry.getValue().roles()),
                        entry.getValue().hash(), Set.copyOf(entry.getValue().tenants().orElse(List.of()))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("flotilla.auth.tokens." + name + ": " + e.getMessage(), e);
            }
        }
        ApiTokens accepted = ApiTokens.of(tokens);
        LOG.infof("API tokens accepted: %d%s", accepted.size(), config.tokensFile()
                .map(file -> " (from configuration and " + file + ")").orElse(" (from configuration)"));
        return accepted;
    }
}
