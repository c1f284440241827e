package io.flotilla.registrysecrets.fleetseed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;

import io.flotilla.registrysecrets.pullsecret.Seed;

/**
 * The fleet seeds of Flotilla's configuration: {@code flotilla.pull-secrets.fleet-seeds.<name>.secret-file} (a
 * {@code .dockerconfigjson} file, read again at every look, so a file replaced in place is a rotation),
 * {@code .selector} (a label selector, every cluster when absent) and {@code .copy-name} (default
 * {@code <name>-registrycreds}). A seed whose file is missing or whose selector cannot be read is an unusable seed
 * with the reason, its existing copies left as they are, not a service that fails to start.
 */
final class ConfiguredSeeds {

    static final String PREFIX = "flotilla.pull-secrets.fleet-seeds.";

    private static final Pattern KEY = Pattern.compile(Pattern.quote(PREFIX) + "([^.]+)\\.([^.]+)");
    private static final List<String> SETTINGS = List.of("secret-file", "selector", "copy-name");

    /** One configured seed, before its file is read. */
    record Definition(String name, Optional<Path> file, String selector, String copyName) {
    }

    private final List<Definition> definitions;

    private ConfiguredSeeds(List<Definition> definitions) {
        this.definitions = List.copyOf(definitions);
    }

    /** @throws IllegalArgumentException naming a key of a fleet seed that is not one of its settings */
    static ConfiguredSeeds from(Config config) {
        Map<String, Map<String, String>> settings = new TreeMap<>();
        for (String property : config.getPropertyNames()) {
            Matcher key = KEY.matcher(property);
            if (!key.matches()) {
                continue;
            }
            if (!SETTINGS.contains(key.group(2))) {
                throw new IllegalArgumentException(property + " is not a fleet seed setting: each seed has "
                        + String.join(", ", SETTINGS.stream().map(name -> PREFIX + key.group(1) + "." + name)
                                .toList()));
            }
            config.getOptionalValue(property, String.class).ifPresent(value -> settings
                    .computeIfAbsent(key.group(1), name -> new TreeMap<>()).put(key.group(2), value));
        }
        List<Definition> definitions = new ArrayList<>();
        settings.forEach((name, values) -> definitions.add(new Definition(name,
                Optional.ofNullable(values.get("secret-file")).map(Path::of), values.getOrDefault("selector", ""),
                values.getOrDefault("copy-name", FleetSeed.defaultCopyName(name)))));
        return new ConfiguredSeeds(definitions);
    }

    List<String> names() {
        return definitions.stream().map(Definition::name).toList();
    }

    /** Every configured seed, its file read now. */
    List<FleetSeed> read() {
        List<FleetSeed> seeds = new ArrayList<>();
        for (Definition definition : definitions) {
            String definedBy = PREFIX + definition.name();
            Seed seed;
            SeedSelector selector = SeedSelector.EVERY_CLUSTER;
            try {
                selector = SeedSelector.parse(definition.selector());
                seed = definition.file().map(file -> DockerConfigFile.read(definition.name(), file))
                        .orElseGet(() -> Seed.unusable(definition.name(), Seed.NOT_FOUND, "fleet seed "
                                + definition.name() + ": " + definedBy + ".secret-file is not set; existing copies are"
                                + " left as they are"));
            } catch (IllegalArgumentException e) {
                seed = Seed.unusable(definition.name(), FleetSeeds.BAD_SELECTOR, "fleet seed " + definition.name()
                        + ": " + definedBy + ".selector: " + e.getMessage() + "; existing copies are left as they are");
            }
            seeds.add(new FleetSeed(definition.name(), selector, definition.copyName(), seed, definedBy));
        }
        return seeds;
    }
}
