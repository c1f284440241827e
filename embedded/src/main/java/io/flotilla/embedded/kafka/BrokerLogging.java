package io.flotilla.embedded.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps an embedded broker's logging to warnings and errors: at INFO it writes hundreds of lines per start
 * (every configuration value, every partition state change), which would bury the services' own logs.
 * The broker's own categories are touched, and the one that dumps every configuration value of every broker and
 * client at start; the rest of the clients' logging stays as the application configures it.
 */
final class BrokerLogging {

    private static final List<String> BROKER_CATEGORIES = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.server",
            "org.apache.kafka.controller",
            "org.apache.kafka.raft",
            "org.apache.kafka.metadata",
            "org.apache.kafka.image",
            "org.apache.kafka.storage",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.queue",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.security",
            "org.apache.kafka.network",
            "org.apache.kafka.common.network",
            "org.apache.kafka.common.utils.AppInfoParser",
            "org.apache.kafka.common.config.AbstractConfig");

    /** Held so that java.util.logging, which references loggers weakly, cannot forget the levels. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private BrokerLogging() {
    }

    private static final String LOG4J_CONTEXT_FACTORY = "log4j2.loggerContextFactory";

    static synchronized void quiet() {
        if (!QUIETED.isEmpty()) {
            return;
        }
        withoutLog4jProviderUseItsSimpleLogger();
        for (String category : BROKER_CATEGORIES) {
            Logger logger = logger(category);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
            QUIETED.add(logger);
        }
    }

    /**
     * The broker's log-level endpoint writes one line through the Log4j API; with no Log4j backend on the classpath
     * the API complains at ERROR level that it found none. Its built-in simple logger is enough for that line.
     */
    private static void withoutLog4jProviderUseItsSimpleLogger() {
        ClassLoader loader = BrokerLogging.class.getClassLoader();
        boolean hasProvider = loader.getResource("META-INF/services/org.apache.logging.log4j.spi.Provider") != null
                || loader.getResource("META-INF/log4j-provider.properties") != null;
        if (!hasProvider && System.getProperty(LOG4J_CONTEXT_FACTORY) == null) {
            System.setProperty(LOG4J_CONTEXT_FACTORY, "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
    }

    /**
     * SLF4J's JBoss LogManager binding (the one Quarkus tests use) logs through JBoss' own log context even where
     * JBoss LogManager is not the java.util.logging manager, so its loggers are set there when it is present. It is
     * reached by reflection: the launcher's broker process runs without JBoss LogManager, and a direct reference
     * would fail there as soon as the class is verified.
     */
    private static Logger logger(String category) {
        try {
            Class<?> logContext = Class.forName("org.jboss.logmanager.LogContext", true,
                    BrokerLogging.class.getClassLoader());
            Object context = logContext.getMethod("getLogContext").invoke(null);
            return (Logger) logContext.getMethod("getLogger", String.class).invoke(context, category);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return Logger.getLogger(category);
        }
    }
}
