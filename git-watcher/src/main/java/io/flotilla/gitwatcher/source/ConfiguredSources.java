package io.flotilla.gitwatcher.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The sources named in the configuration: the single {@code flotilla.git.repository}, then every named one. */
public final class ConfiguredSources {

    /** The name of the source given by {@code flotilla.git.repository}. */
    public static final String SINGLE = "default";

    private ConfiguredSources() {
    }

    public static List<SourceDefinition> of(GitConfig config) {
        List<SourceDefinition> sources = new ArrayList<>();
        config.repository().filter(repository -> !repository.isBlank()).ifPresent(repository -> sources.add(
                new SourceDefinition(SINGLE, new GitSource(repository, config.branch()), config.pollInterval(),
                        config.paths().orElse(List.of()), config.webhookSecret().orElse(null),
                        credentials(config.username(), config.password(), config.sshKey(), config.knownHosts()))));
        for (Map.Entry<String, GitConfig.Source> named : new TreeMap<>(config.sources()).entrySet()) {
            GitConfig.Source source = named.getValue();
            sources.add(new SourceDefinition(named.getKey(), new GitSource(source.repository(), source.branch()),
                    source.pollInterval().orElse(config.pollInterval()), source.paths().orElse(List.of()),
                    source.webhookSecret().orElse(null), credentials(source.username(), source.password(),
                            source.sshKey(), source.knownHosts())));
        }
        return sources;
    }

    private static SourceCredentials credentials(Optional<String> username, Optional<String> password,
            Optional<String> sshKey, Optional<String> knownHosts) {
        if (username.isEmpty() && sshKey.isEmpty()) {
            return null;
        }
        return new SourceCredentials(username.orElse(null), password.orElse(null), sshKey.orElse(null),
                knownHosts.orElse(null));
    }
}
