package io.flotilla.testing.sops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The npm package {@code sops-age} (an independent SOPS and age decoder for Node), installed with npm into a folder
 * of the build, so that a file {@link SopsWriter} wrote is decrypted by another implementation than Flotilla's.
 */
public final class SopsAgeDecoder {

    /** The version the tests were written against. */
    static final String PACKAGE = "sops-age@4.0.2";
    private static final String ADVICE = "install Node.js and npm (npm install " + PACKAGE + " is run by the test)";

    private final Path folder;

    private SopsAgeDecoder(Path folder) {
        this.folder = folder;
    }

    /** The decoder installed in {@code folder} (npm install, once). */
    public static SopsAgeDecoder installedIn(Path folder) {
        folder = folder.toAbsolutePath();
        if (!Files.isDirectory(folder.resolve("node_modules/sops-age"))) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Commands.run(List.of("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix",
                    folder.toString(), PACKAGE), new byte[0], folder, ADVICE);
        }
        return new SopsAgeDecoder(folder.toAbsolutePath());
    }

    /** The (first) document of the YAML {@code text}, decrypted with {@code identity}. */
    public Map<String, Object> decrypt(String text, String identity) {
        String script = "import { decryptSops } from 'sops-age';\n"
                + "const chunks = []; for await (const chunk of process.stdin) chunks.push(chunk);\n"
                + "const decrypted = await decryptSops(Buffer.concat(chunks).toString('utf8'),"
                + " { secretKey: process.env.SOPS_AGE_IDENTITY, fileType: 'yaml' });\n"
                + "process.stdout.write(JSON.stringify(decrypted));\n";
        try {
            Path file = folder.resolve("decrypt.mjs");
            Files.writeString(file, script, StandardCharsets.UTF_8);
            String json = Commands.run(List.of("node", file.toString()), text.getBytes(StandardCharsets.UTF_8),
                    folder, Map.of("SOPS_AGE_IDENTITY", identity), ADVICE);
            return new ObjectMapper().readValue(json, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
