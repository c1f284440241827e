package io.flotilla.gitwatcher.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
                definition(SINGLE, "flotilla.git", repository,
                        // The single source's branch has a default, which following tags leaves aside.
                        config.tags().isPresent() || config.semver().isPresent() ? null : config.branch(),
                        config.pollInterval(), config)));
        for (Map.Entry<String, GitConfig.Source> named : new TreeMap<>(config.sources()).entrySet()) {
            GitConfig.Source source = named.getValue();
            sources.add(definition(named.getKey(), "flotilla.git.sources.\"" + named.getKey() + "\"",
                    source.repository(), source.branch().orElse(null),
                    source.pollInterval().orElse(config.pollInterval()), source));
        }
        return sources;
    }

    private static SourceDefinition definition(String id, String prefix, String repository, String branch,
            Duration pollInterval, SourceSettings settings) {
        try {
            return new SourceDefinition(id,
                    new GitSource(repository, RefSelector.of(branch, settings.tags().orElse(null),
                            settings.semver().orElse(null), DEFAULT_BRANCH)),
                    pollInterval, settings.paths().orElse(List.of()), settings.webhookSecret().orElse(null),
                    settings.unsignedWebhooks().orElse(false),
                    SourceCredentials.ofAny(settings.username().orElse(null), settings.password().orElse(null),
                            settings.sshKey().orElse(null), settings.knownHosts().orElse(null),
                            settings.secret().orElse(null)),
                    settings.signingKeys().map(SigningKeys::parse).orElse(null),
                    BranchGlob.ofNullable(settings.previewBranches().orElse(null)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("source " + id + " (" + prefix + ".*): " + e.getMessage(), e);
        }
    }
}
