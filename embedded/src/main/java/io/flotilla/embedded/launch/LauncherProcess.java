package io.flotilla.embedded.launch;

import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.slf4j.LoggerFactory;

/**
 * What the local launcher's child processes (Kafka, simulated clusters, PostgreSQL) have in common: a logging setup
 * that works with the module's classpath, one line on stdout when ready, and a clean stop on SIGTERM. Their command
 * lines are read by {@link CommandLine}.
 */
public final class LauncherProcess {

    private static final String JBOSS_LOG_MANAGER = "org.jboss.logmanager.LogManager";

    private LauncherProcess() {
    }

    /**
     * SLF4J reaches JBoss LogManager where it is on the classpath (as in the services); it must then also own
     * java.util.logging, which is only possible before anything logs. Its handlers on this classpath belong to
     * Quarkus tests (they hold lines until an application starts), so the process logs to stderr instead, one line
     * per record, leaving stdout to the ready line.
     */
    public static void prepareLogging() {
        if (System.getProperty("java.util.logging.manager") == null && isPresent(JBOSS_LOG_MANAGER)) {
            System.setProperty("java.util.logging.manager", JBOSS_LOG_MANAGER);
        }
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT,%1$tL %4$s [%3$s] %5$s%6$s%n");
        }
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler stderr = new ConsoleHandler();
        stderr.setFormatter(new SimpleFormatter());
        root.addHandler(stderr);
    }

    /** Prints {@code readyLine} on stdout, then blocks until the JVM is asked to stop and {@code running} is closed. */
    public static void announceAndRunUntilStopped(String readyLine, AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(LauncherProcess.class).warn("did not stop cleanly: {}", e.toString());
            } finally {
                stopped.countDown();
            }
        }, "launcher-process-shutdown"));
        System.out.println(readyLine);
        System.out.flush();
        stopped.await();
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, LauncherProcess.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
