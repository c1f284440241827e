package io.flotilla.gitwatcher.source;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** {@code flotilla.git.*}: the repository and branch to watch, and where the local mirror lives. */
@ConfigMapping(prefix = "flotilla.git")
public interface GitConfig {

    /** A local path or a URL. */
    String repository();

    String branch();

    /** Holds the bare mirror of every watched repository. */
    Path workDir();

    /** How often every source is fetched when no webhook says so sooner. */
    Duration pollInterval();
}
