package io.flotilla.launcher.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the command line's config file is: {@code --config FILE}, else the system property {@value #PROPERTY}, else
 * the environment variable {@value #VARIABLE}, else {@code $XDG_CONFIG_HOME/flotilla/config}, else
 * {@code ~/.config/flotilla/config}.
 */
public final class ConfigLocation {

    public static final String PROPERTY = "flotilla.config";
    public static final String VARIABLE = "FLOTILLA_CONFIG";

    private ConfigLocation() {
    }

    /**
     * @param given       what {@code --config} says, or null
     * @param environment the process's environment variables
     */
    public static Path of(String given, Map<String, String> environment) {
        if (given != null) {
            return Path.of(given);
        }
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String variable = environment.get(VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable);
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path configHome = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".config");
        return configHome.resolve("flotilla").resolve("config");
    }
}
