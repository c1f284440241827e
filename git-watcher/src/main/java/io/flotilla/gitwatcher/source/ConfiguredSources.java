package io.flotilla.gitwatcher.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
                        config.paths().orElse(List.of()), config.webhookSecret().orElse(null))));
        for (Map.Entry<String, GitConfig.Source> named : new TreeMap<>(config.sources()).entrySet()) {
            GitConfig.Source source = named.getValue();
            sources.add(new SourceDefinition(named.getKey(), new GitSource(source.repository(), source.branch()),
                    source.pollInterval().orElse(config.pollInterval()), source.paths().orElse(List.of()),
                    source.webhookSecret().orElse(null)));
        }
        return sources;
    }
}
