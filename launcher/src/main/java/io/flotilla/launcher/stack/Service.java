package io.flotilla.launcher.stack;

import java.nio.file.Path;

/** Flotilla's services as the local stack runs them: one process each, from its packaged application. */
public enum Service {
    OBSERVER("observer", 8080, true),
    GIT_WATCHER("git-watcher", 8081, true),
    RENDERER("renderer", 8082, false),
    APPLIER("applier", 8083, true),
    REGISTRY_SECRETS("registry-secrets", 8084, false),
    IMAGE_UPDATER("image-updater", 8085, false);

    private final String module;
    private final int defaultPort;
    private final boolean usesDatabase;

    Service(String module, int defaultPort, boolean usesDatabase) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.usesDatabase = usesDatabase;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public boolean usesDatabase() {
        return usesDatabase;
    }

    /** The runnable application Quarkus packages into the module's target folder. */
    public Path application(Path home) {
        return home.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }
}
