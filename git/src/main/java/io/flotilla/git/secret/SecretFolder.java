package io.flotilla.git.secret;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Secrets kept as files, as Kubernetes mounts a Secret into a pod: {@code <folder>/<namespace>/<name>/<key>}, one
 * file per key, its content the value. Read at every {@link #find}, so a file changed is a Secret rotated. Names
 * starting with {@code ..} (a mounted volume's own bookkeeping) are skipped.
 */
public final class SecretFolder implements SecretStore {

    private final Path folder;

    public SecretFolder(Path folder) {
        this.folder = folder;
    }

    @Override
    public Optional<SourceSecret> find(SecretRef ref) {
        Path secret = folder.resolve(ref.namespace()).resolve(ref.name());
        if (!Files.isDirectory(secret)) {
            return Optional.empty();
        }
        Map<String, byte[]> data = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(secret)) {
            for (Path file : files) {
                String key = file.getFileName().toString();
                if (!key.startsWith("..") && Files.isRegularFile(file)) {
                    data.put(key, Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new SourceSecretException("Secret " + ref + ": cannot read " + secret + ": " + e.getMessage(), e);
        }
        return Optional.of(new SourceSecret(ref, data, where()));
    }

    @Override
    public String where() {
        return "the folder " + folder;
    }
}
