package io.flotilla.renderer.kustomize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import io.flotilla.renderer.release.InvalidYamlException;
import io.flotilla.renderer.release.YamlDocuments;
import io.flotilla.renderer.source.CommitSnapshot;

/**
 * Folders of a commit built by kustomize, with an overlay of more fields when asked (a Flux Kustomization's
 * {@code targetNamespace}, {@code patches}, {@code images}...), and Helm's output post-rendered. A build is kept by
 * what it reads (the Git tree ids of the folders it takes in, and the overlay), so a commit builds again only the
 * folders it changed; a folder without a kustomization file gets one listing its manifests, as Flux generates it.
 */
public final class KustomizeBuilds {

    /** Builds remembered; each is one folder with one overlay. */
    private static final int BUILDS_KEPT = 5_000;
    /** Where the overlay a build is given sits, next to the copy of the repository. */
    private static final String OVERLAY = "flotilla-overlay";
    private static final String REPOSITORY = "repository";

    private final Kustomize kustomize;
    private final Path scratch;
    private final Map<String, List<Map<String, Object>>> builds = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<Map<String, Object>>> eldest) {
                    return size() > BUILDS_KEPT;
                }
            });

    /** @param scratch where builds write their copies of the repository, each removed once built */
    public KustomizeBuilds(Kustomize kustomize, Path scratch) {
        this.kustomize = kustomize;
        this.scratch = scratch;
    }

    public Kustomize kustomize() {
        return kustomize;
    }

    /**
     * The objects kustomize builds from {@code folder} of the commit with {@code overlay}'s fields over it.
     *
     * @param overlay    kustomization fields over the folder's build ({@code namespace}, {@code namePrefix},
     *                   {@code patches}, {@code images}...); empty to build the folder as it is
     * @param components folders of the repository to add as the overlay's {@code components}
     * @throws KustomizeException why kustomize cannot build it, without naming the folder
     */
    public List<Map<String, Object>> build(CommitSnapshot snapshot, String folder, Map<String, Object> overlay,
            List<String> components) throws KustomizeException {
        Set<String> folders = KustomizationFolders.closure(snapshot, folder);
        components.forEach(component -> folders.addAll(KustomizationFolders.closure(snapshot, component)));
        StringBuilder key = new StringBuilder(String.join(" ", kustomize.command())).append('\n').append(folder)
                .append('\n').append(yaml().dump(overlay)).append(components).append('\n');
        for (String read : folders) {
            key.append(read).append(':').append(snapshot.folderId(read).map(id -> id.name()).orElse("-")).append('\n');
        }
        String digest = sha256(key.toString());
        List<Map<String, Object>> known = builds.get(digest);
        if (known != null) {
            return known;
        }
        List<Map<String, Object>> built = buildNow(snapshot, folder, overlay, components, folders);
        builds.put(digest, built);
        return built;
    }

    private List<Map<String, Object>> buildNow(CommitSnapshot snapshot, String folder, Map<String, Object> overlay,
            List<String> components, Set<String> folders) throws KustomizeException {
        Path work = scratch.resolve("build-" + UUID.randomUUID());
        try {
            Path repository = work.resolve(REPOSITORY);
            for (String read : folders) {
                if (folders.stream().noneMatch(other -> !other.equals(read) && contains(other, read))) {
                    snapshot.copyFolder(read, read.isEmpty() ? repository : repository.resolve(read));
                }
            }
            Path root = folder.isEmpty() ? repository : repository.resolve(folder);
            Files.createDirectories(root);
            if (KustomizationFolders.kustomizationFile(snapshot, folder).isEmpty()) {
                generate(snapshot, folder, root);
            }
            if (overlay.isEmpty() && components.isEmpty()) {
                return objects(run(root, work), work);
            }
            Map<String, Object> kustomization = kustomization(
                    List.of("../" + REPOSITORY + (folder.isEmpty() ? "" : "/" + folder)));
            kustomization.putAll(overlay);
            if (!components.isEmpty()) {
                kustomization.put("components", components.stream()
                        .map(component -> "../" + REPOSITORY + (component.isEmpty() ? "" : "/" + component)).toList());
            }
            Path overlayFolder = Files.createDirectories(work.resolve(OVERLAY));
            Files.writeString(overlayFolder.resolve("kustomization.yaml"), yaml().dump(kustomization));
            return objects(run(overlayFolder, work), work);
        } catch (IOException e) {
            throw new KustomizeException("cannot write the folders for kustomize: " + e.getMessage());
        } finally {
            delete(work);
        }
    }

    /**
     * {@code objects} (Helm's output) through kustomize with {@code overlay}'s fields ({@code patches},
     * {@code images}), as Flux's kustomize post-renderer runs them.
     */
    public List<Map<String, Object>> postRender(List<Map<String, Object>> objects, Map<String, Object> overlay)
            throws KustomizeException {
        Path work = scratch.resolve("post-render-" + UUID.randomUUID());
        try {
            Path folder = Files.createDirectories(work.resolve(OVERLAY));
            Files.writeString(folder.resolve("rendered.yaml"), yaml().dumpAll(objects.iterator()));
            Map<String, Object> kustomization = kustomization(List.of("rendered.yaml"));
            kustomization.putAll(overlay);
            Files.writeString(folder.resolve("kustomization.yaml"), yaml().dump(kustomization));
            return objects(run(folder, work), work);
        } catch (IOException e) {
            throw new KustomizeException("cannot write Helm's output for kustomize: " + e.getMessage());
        } finally {
            delete(work);
        }
    }

    /** Kustomize's build of {@code folder}; its messages name paths as the repository does, not as copied. */
    private String run(Path folder, Path work) throws KustomizeException {
        try {
            return kustomize.build(folder);
        } catch (KustomizeException e) {
            throw new KustomizeException(e.getMessage().replace(work.resolve(REPOSITORY) + "/", "")
                    .replace(work.resolve(OVERLAY) + "/", "").replace(work + "/", ""));
        }
    }

    /**
     * The kustomization Flux writes for a folder that has none: every YAML file of Kubernetes objects below it, and
     * each subfolder that has a kustomization file of its own as a whole.
     */
    private static void generate(CommitSnapshot snapshot, String folder, Path root) throws IOException {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        List<String> resources = new ArrayList<>();
        List<String> kustomized = new ArrayList<>();
        for (String path : snapshot.files().tailMap(prefix, true).keySet()) {
            if (!path.startsWith(prefix)) {
                break;
            }
            String relative = path.substring(prefix.length());
            String parent = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/')) : "";
            if (KustomizationFolders.isKustomizationFile(path) && !parent.isEmpty()) {
                kustomized.add(parent);
                resources.add(parent);
            } else if ((path.endsWith(".yaml") || path.endsWith(".yml"))
                    && kustomized.stream().noneMatch(done -> contains(done, parent))
                    && declaresObjects(snapshot.readText(path))) {
                resources.add(relative);
            }
        }
        List<String> kept = resources.stream().filter(resource -> kustomized.stream()
                .noneMatch(done -> !done.equals(resource) && contains(done, resource))).toList();
        Files.writeString(root.resolve("kustomization.yaml"), yaml().dump(kustomization(kept)));
    }

    /** A kustomization of {@code resources}, to which a build adds its fields. */
    private static Map<String, Object> kustomization(List<String> resources) {
        Map<String, Object> kustomization = new LinkedHashMap<>();
        kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
        kustomization.put("kind", "Kustomization");
        kustomization.put("resources", resources);
        return kustomization;
    }

    private static boolean declaresObjects(String text) {
        try {
            List<Object> documents = YamlDocuments.parse(text);
            return !documents.isEmpty() && documents.stream().allMatch(document -> document instanceof Map<?, ?> map
                    && map.get("apiVersion") instanceof String && map.get("kind") instanceof String);
        } catch (InvalidYamlException e) {
            return false;
        }
    }

    /** Whether {@code inner} is {@code outer} or below it. */
    private static boolean contains(String outer, String inner) {
        return outer.isEmpty() || inner.equals(outer) || inner.startsWith(outer + "/");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(String stream, Path work) throws KustomizeException {
        try {
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object document : YamlDocuments.parse(stream)) {
                objects.add(Collections.unmodifiableMap((Map<String, Object>) document));
            }
            return List.copyOf(objects);
        } catch (InvalidYamlException | ClassCastException e) {
            throw new KustomizeException("kustomize's output cannot be read: " + e.getMessage()
                    .replace(work.toString() + "/", ""));
        }
    }

    /** Block style, the way the files a user writes look: post-build substitution reads the same text. */
    static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setSplitLines(false);
        return new Yaml(options);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Scratch left behind costs space, not correctness: the renderer's work folder is its own.
        }
    }
}
