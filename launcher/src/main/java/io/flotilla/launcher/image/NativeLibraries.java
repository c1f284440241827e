package io.flotilla.launcher.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.flotilla.launcher.stack.StackException;

/**
 * The C libraries programs link against, as the dynamic loader finds them on this machine ({@code ldd}): what an
 * image built from scratch needs beside them, each at the path the loader looks in.
 */
final class NativeLibraries {

    /** {@code libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)}, or the loader itself: {@code /lib64/ld-linux...}. */
    private static final Pattern LINE = Pattern.compile("^\\s*(?:\\S+\\s+=>\\s+)?(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");

    private NativeLibraries() {
    }

    /**
     * The libraries {@code programs} (executables and shared objects; other files are passed over) need, by the path
     * they must have in the image, each with the file to copy there (symbolic links resolved); those found under
     * {@code within} are the programs' own, in the image already, and left out.
     */
    static Map<String, Path> of(Collection<Path> programs, Path within) {
        Map<String, Path> libraries = new TreeMap<>();
        for (Path program : programs) {
            if (!isElf(program)) {
                continue;
            }
            for (String line : ldd(program).split("\n")) {
                Matcher matcher = LINE.matcher(line);
                if (matcher.matches()) {
                    Path library = Path.of(matcher.group(1));
                    if (library.startsWith(within)) {
                        continue;
                    }
                    try {
                        libraries.put(library.toString(), library.toRealPath());
                    } catch (IOException e) {
                        throw new StackException("cannot read " + library + ", which " + program + " links against", e);
                    }
                }
            }
        }
        return libraries;
    }

    private static boolean isElf(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (var in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }

    private static String ldd(Path program) {
        try {
            Process process = new ProcessBuilder("ldd", program.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new StackException("ldd did not answer for " + program);
            }
            // "not a dynamic executable" (a static program, such as kubectl) needs nothing.
            return process.exitValue() == 0 ? output : "";
        } catch (IOException e) {
            throw new StackException("cannot run ldd, which finds the libraries of the images' programs: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while ldd read " + program, e);
        }
    }
}
