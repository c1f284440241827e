package io.flotilla.security.quarkus;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code flotilla.auth.*}, the same keys in every service: the API tokens it accepts (a file, such as a mounted
 * Secret, and tokens named in configuration), which paths are open and which are an operator's
 * ({@link io.flotilla.security.AccessRules}), where a browser logs in without OpenID Connect, and which values of an
 * OpenID Connect token's groups claim grant which role.
 */
@ConfigMapping(prefix = "flotilla.auth")
public interface AuthConfig {

    /**
     * Whether callers must prove who they are. {@code false} lets every request through, whoever sends it: for
     * measuring what authentication costs ({@code ./flotilla bench --security}), never for a running fleet; the
     * service says so in its log at start, as a warning.
     */
    @WithDefault("true")
    boolean enabled();

    /** A file of tokens, one a line: {@code <name> <role>[,<role>] sha256:<hex>} ({@link io.flotilla.security.TokensFile}). */
    Optional<Path> tokensFile();

    /** {@code flotilla.auth.tokens.<name>.hash} and {@code .roles}: tokens named in configuration. */
    Map<String, Token> tokens();

    /** Paths anyone may call besides health: webhook receivers and the login form. */
    Optional<List<String>> open();

    /** {@code [METHOD ]/path} rules an operator may call and a viewer may not. */
    Optional<List<String>> operator();

    /**
     * {@code [METHOD ]/path} rules a tenant's member may call at all (with the role the path needs); every other path
     * is the platform team's and refused to members. The resources behind them show and act on the member's tenants'
     * releases only.
     */
    Optional<List<String>> memberPaths();

    /** Where a browser without a token is sent to log in, when no OpenID Connect login is configured. */
    Optional<String> loginPage();

    /** How OpenID Connect identities get their roles. */
    Oidc oidc();

    /** One token of {@link #tokens()}. */
    interface Token {

        /** {@code sha256:<hex>} of the token; never the token itself. */
        String hash();

        /** {@code viewer}, {@code operator} or {@code admin}. */
        List<String> roles();

        /** The tenants whose releases alone its holder sees and acts on; none for the whole fleet. */
        Optional<List<String>> tenants();
    }

    /** {@code flotilla.auth.oidc.*}. */
    interface Oidc {

        /**
         * {@code flotilla.auth.oidc.roles.<role>=<group>[,<group>]}: the values of the token's roles claim
         * (Quarkus' {@code quarkus.oidc.roles.role-claim-path}; by default {@code groups} and Keycloak's
         * {@code realm_access.roles}) that grant a role. A value spelled as the role always grants it.
         */
        Map<String, String> roles();

        /**
         * {@code flotilla.auth.oidc.tenants.<tenant>=<group>[,<group>]}: the values of the token's roles claim that make
         * the caller a member of a tenant, who then sees and acts on that tenant's releases only.
         */
        Map<String, String> tenants();
    }
}
