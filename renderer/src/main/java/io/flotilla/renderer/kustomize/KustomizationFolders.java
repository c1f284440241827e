package io.flotilla.renderer.kustomize;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.flotilla.renderer.release.ChartLocation;
import io.flotilla.renderer.release.InvalidYamlException;
import io.flotilla.renderer.release.YamlDocuments;
import io.flotilla.renderer.source.CommitSnapshot;

/**
 * The folders of a commit a kustomize build reads. Kustomize's default load restrictions keep the files a
 * kustomization reads inside its own folder; other folders come in only as {@code resources}, {@code bases} or
 * {@code components}, each a kustomization of its own. So a build reads exactly the subtrees of the folders this
 * finds, and their Git tree ids say whether it can have changed.
 */
public final class KustomizationFolders {

    /** The names kustomize looks for, in its order. */
    public static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    private KustomizationFolders() {
    }

    /** The kustomization file of {@code folder}, if it has one. */
    public static Optional<String> kustomizationFile(CommitSnapshot snapshot, String folder) {
        for (String name : FILE_NAMES) {
            String path = folder.isEmpty() ? name : folder + "/" + name;
            if (snapshot.isFile(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code path} is the name of a kustomization file, in whichever folder. */
    public static boolean isKustomizationFile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return FILE_NAMES.contains(name);
    }

    /**
     * {@code folder} and every folder of the commit its kustomization (and theirs, in turn) takes in, in the order
     * found; references that leave the repository or name no folder of it (remote bases, files) are not followed.
     */
    public static Set<String> closure(CommitSnapshot snapshot, String folder) {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(folder));
        while (!pending.isEmpty()) {
            String current = pending.removeFirst();
            if (!found.add(current)) {
                continue;
            }
            for (String reference : references(snapshot, current)) {
                resolve(current, reference).filter(path -> snapshot.folderId(path).isPresent())
                        .ifPresent(pending::addLast);
            }
        }
        return found;
    }

    /** Whether {@code folder} holds a kustomize Component: a piece of other builds, never built on its own. */
    public static boolean isComponent(CommitSnapshot snapshot, String folder) {
        return kustomization(snapshot, folder).map(kustomization -> "Component".equals(kustomization.get("kind")))
                .orElse(false);
    }

    /** The {@code resources}, {@code bases} and {@code components} entries of a folder's kustomization, as written. */
    private static List<String> references(CommitSnapshot snapshot, String folder) {
        return kustomization(snapshot, folder).map(kustomization -> List.of("resources", "bases", "components")
                .stream().map(kustomization::get).filter(List.class::isInstance).map(entries -> (List<?>) entries)
                .flatMap(List::stream).filter(String.class::isInstance).map(String.class::cast).toList())
                .orElse(List.of());
    }

    /** A folder's kustomization file read; empty when it has none or it cannot be read (kustomize says why). */
    private static Optional<Map<?, ?>> kustomization(CommitSnapshot snapshot, String folder) {
        Optional<String> file = kustomizationFile(snapshot, folder);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<Object> documents = YamlDocuments.parse(snapshot.readText(file.get()));
            return documents.isEmpty() || !(documents.get(0) instanceof Map<?, ?> kustomization) ? Optional.empty()
                    : Optional.of(kustomization);
        } catch (InvalidYamlException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code reference} (relative, as a kustomization writes it) resolved against {@code folder} into a path of the
     * repository; empty when it leaves the repository or is absolute.
     */
    public static Optional<String> resolve(String folder, String reference) {
        if (reference.startsWith("/") || reference.contains("://")) {
            return Optional.empty();
        }
        return new ChartLocation(folder.isEmpty() ? reference : folder + "/" + reference, reference).folder();
    }
}
