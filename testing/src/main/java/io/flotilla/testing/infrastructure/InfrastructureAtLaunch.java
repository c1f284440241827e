package io.flotilla.testing.infrastructure;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes the test run's {@link Infrastructure} decision when the JUnit Platform starts, before any test: registered
 * through {@code META-INF/services}, so every module whose tests use this one decides the same way.
 */
public final class InfrastructureAtLaunch implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Infrastructure.prepare();
    }
}
