package io.flotilla.gitwatcher.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import io.flotilla.gitwatcher.signature.SigningKeys;

/** The sources named in the configuration: the single {@code flotilla.git.repository}, then every named one. */
public final class ConfiguredSources {

    /** The name of the source given by {@code flotilla.git.repository}. */
    public static final String SINGLE = "default";

    private static final String DEFAULT_BRANCH = "main";

    private ConfiguredSources() {
    }

    /** @throws IllegalArgumentException naming the source and the setting that is wrong */
    public static List<SourceDefinition> of(GitConfig config) {
        List<SourceDefinition> sources = new ArrayList<>();
        config.repository().filter(repository -> !repository.isBlank()).ifPresent(repository -> sources.add(
                named(SINGLE, "flotilla.git", () -> new SourceDefinition(SINGLE,
                        new GitSource(repository, RefSelector.of(
                                config.tags().isPresent() || config.semver().isPresent() ? null : config.branch(),
                                config.tags().orElse(null), config.semver().orElse(null), DEFAULT_BRANCH)),
                        config.pollInterval(), config.paths().orElse(List.of()), config.webhookSecret().orElse(null),
                        SourceCredentials.ofAny(config.username().orElse(null), config.password().orElse(null),
                                config.sshKey().orElse(null), config.knownHosts().orElse(null)),
                        config.signingKeys().map(SigningKeys::parse).orElse(null)))));
        for (Map.Entry<String, GitConfig.Source> named : new TreeMap<>(config.sources()).entrySet()) {
            GitConfig.Source source = named.getValue();
            sources.add(named(named.getKey(), "flotilla.git.sources.\"" + named.getKey() + "\"",
                    () -> new SourceDefinition(named.getKey(),
                            new GitSource(source.repository(), RefSelector.of(source.branch().orElse(null),
                                    source.tags().orElse(null), source.semver().orElse(null), DEFAULT_BRANCH)),
                            source.pollInterval().orElse(config.pollInterval()), source.paths().orElse(List.of()),
                            source.webhookSecret().orElse(null), SourceCredentials.ofAny(source.username().orElse(null),
                                    source.password().orElse(null), source.sshKey().orElse(null),
                                    source.knownHosts().orElse(null)),
                            source.signingKeys().map(SigningKeys::parse).orElse(null))));
        }
        return sources;
    }

    private static SourceDefinition named(String id, String prefix, Supplier<SourceDefinition> definition) {
        try {
            return definition.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source " + id + " (" + prefix + ".*): " + e.getMessage(), e);
        }
    }
}
