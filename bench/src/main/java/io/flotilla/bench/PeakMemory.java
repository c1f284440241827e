package io.flotilla.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.flotilla.launcher.stack.StackException;
import io.flotilla.launcher.stack.StackState;

/** Peak resident memory (VmHWM of {@code /proc/PID/status}) of the stack's processes, in MiB. */
final class PeakMemory {

    private PeakMemory() {
    }

    static long ofProcess(String name, long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", ""))).sum() / 1024;
        } catch (IOException e) {
            throw new StackException("cannot read the memory of " + name + " (pid " + pid + "): " + e.getMessage(), e);
        }
    }

    /** Each process of the stack, infrastructure included, by name. */
    static Map<String, Long> perMember(StackState state) {
        Map<String, Long> peaks = new LinkedHashMap<>();
        state.members().forEach(member -> peaks.put(member.name(), ofProcess(member.name(), member.pid())));
        return peaks;
    }

}
