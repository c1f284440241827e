package io.flotilla.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.flotilla.launcher.stack.StackException;

/** The CPU time a process of the stack spends, read from {@code /proc/<pid>/stat} (Linux). */
public final class ProcessCpu {

    private final long pid;

    public ProcessCpu(long pid) {
        this.pid = pid;
    }

    /** The CPU the process used over {@code seconds} from now, as a percentage of one core. */
    public double percentOver(int seconds) {
        long before = ticks();
        long start = System.nanoTime();
        Waiting.sleep(seconds * 1000L);
        long used = ticks() - before;
        return 100.0 * used / clockTicksPerSecond() / ((System.nanoTime() - start) / 1e9);
    }

    /** The CPU the process has used since it started (every thread, user and system), in seconds. */
    public double seconds() {
        return (double) ticks() / clockTicksPerSecond();
    }

    /** utime + stime: every thread of the process, in clock ticks. */
    private long ticks() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException e) {
            throw new StackException("cannot read the CPU time of process " + pid + " (is this Linux?): "
                    + e.getMessage(), e);
        }
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String value = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return getconf.waitFor() == 0 ? Long.parseLong(value) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }
}
