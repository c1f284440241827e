package io.flotilla.git.quarkus;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code flotilla.outbound.*}, the same keys for every service that fetches what users name (sources added through
 * the API, Git repositories, chart repositories, registries and values URLs a commit names): which schemes, and
 * whether hosts with non-public addresses may be reached. Locations the operator configures are not checked.
 */
@ConfigMapping(prefix = "flotilla.outbound")
public interface OutboundConfig {

    /** The schemes allowed: {@code https}, {@code ssh} by default; {@code http}, {@code git}, {@code file} on request. */
    Optional<List<String>> schemes();

    /** Whether hosts with loopback, link-local, private or unique-local addresses may be reached. */
    @WithDefault("false")
    boolean privateAddresses();

    /** Hosts (names or addresses) that may be reached whatever their address. */
    Optional<List<String>> hosts();
}
