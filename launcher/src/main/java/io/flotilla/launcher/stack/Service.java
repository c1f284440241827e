package io.flotilla.launcher.stack;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Flotilla's services as the local stack runs them: one process each, from its packaged application, on the port
 * {@link ServicePorts} reads.
 */
public enum Service {
    OBSERVER("observer", true),
    GIT_WATCHER("git-watcher", true),
    RENDERER("renderer", false),
    APPLIER("applier", true),
    REGISTRY_SECRETS("registry-secrets", false),
    IMAGE_UPDATER("image-updater", false);

    private final String module;
    private final boolean usesDatabase;

    Service(String module, boolean usesDatabase) {
        this.module = module;
        this.usesDatabase = usesDatabase;
    }

    public String module() {
        return module;
    }

    /** The variable of the ports file that holds this service's HTTP port: {@code FLOTILLA_GIT_WATCHER_PORT}. */
    public String portVariable() {
        return "FLOTILLA_" + module.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
    }

    public boolean usesDatabase() {
        return usesDatabase;
    }

    /** The runnable application Quarkus packages into the module's target folder. */
    public Path application(Path home) {
        return home.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }
}
