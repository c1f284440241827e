package io.flotilla.renderer.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.flotilla.events.ObjectRef;
import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.git.RepositoryUrl;
import io.flotilla.renderer.kustomize.KustomizationFolders;
import io.flotilla.renderer.kustomize.KustomizeBuilds;
import io.flotilla.renderer.kustomize.KustomizeException;
import io.flotilla.renderer.kustomize.PostBuildSubstitution;
import io.flotilla.renderer.release.DeclaredRelease.Invalid;
import io.flotilla.renderer.release.DeclaredRelease.Manifests;
import io.flotilla.renderer.release.KustomizeRelease.Built;
import io.flotilla.renderer.source.CommitSnapshot;

/**
 * A Flux v2 Kustomization ({@code kustomize.toolkit.fluxcd.io/v1}, v1beta2 read the same): the folder
 * {@code spec.path} of the watched repository (its {@code sourceRef} is the GitRepository of this repository, or
 * {@code flux-system}), built by kustomize through an overlay holding {@code targetNamespace},
 * {@code namePrefix}, {@code nameSuffix}, {@code patches}, {@code images} and {@code components}; then
 * {@code postBuild} substitution, then {@code commonMetadata}. One release, named by the Kustomization's namespace
 * and name. HelmReleases, Flux sources and Kustomizations in what it builds are not applied as objects: they are
 * declarations, as built (patched, substituted, in the target namespace), which the scanner reads in turn. Fields
 * Flotilla cannot honour ({@code kubeConfig}) fail it. SOPS-encrypted files ({@code decryption.provider: sops}) pass
 * through encrypted; the applier decrypts them with the age identities of {@code decryption.secretRef}.
 */
final class FluxKustomization {

    /** The GitRepository {@code flux bootstrap} names after the repository it runs from. */
    static final String BOOTSTRAP_SOURCE = "flux-system";
    private static final String ORIGIN_KIND = "Kustomization";
    private static final Set<Object> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "RuntimeClass", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "APIService");

    private FluxKustomization() {
    }

    static KustomizeRelease read(String file, String folder, int document, Map<String, Object> object,
            FluxSources sources, RepositoryValues repositoryValues, CommitSnapshot snapshot, KustomizeBuilds builds)
            throws UnidentifiedDocumentException {
        Fields fields = new Fields(object);
        HelmReleaseIdentity identity = identity(file, document, fields);
        String origin = file + ": " + ORIGIN_KIND + " " + identity.namespace() + "/" + identity.name();
        try {
            refuseUnsupported(fields);
            checkSource(fields, identity.namespace(), sources, snapshot.location());
            String pathField = fields.text("spec.path").orElse("./");
            String path = folder(pathField, "spec.path", "", snapshot);
            List<String> components = components(fields, path, snapshot);
            Map<String, Object> overlay = overlay(fields);
            PostBuildSubstitution substitution = substitution(fields, identity.namespace(), repositoryValues);
            Optional<Map<String, Object>> commonMetadata = fields.mapping("spec.commonMetadata");
            ReleaseOptions options = ReleaseOptionsReading.kustomization(fields, identity.namespace(),
                    healthChecks(fields));
            Set<String> read = new LinkedHashSet<>(KustomizationFolders.closure(snapshot, path));
            components.forEach(component -> read.addAll(KustomizationFolders.closure(snapshot, component)));
            return new KustomizeRelease(read, () -> {
                try {
                    List<Map<String, Object>> objects = builds.build(snapshot, path, overlay, components);
                    if (substitution != null) {
                        objects = substitution.apply(objects);
                    }
                    objects = withCommonMetadata(objects, commonMetadata.orElse(Map.of()));
                    List<Map<String, Object>> declarations = objects.stream()
                            .filter(built -> DocumentRole.of(built).declares()).toList();
                    return new Built(release(identity, file, folder,
                            new Manifests(inDefaultNamespace(applied(objects)), options)), declarations);
                } catch (KustomizeException e) {
                    return new Built(release(identity, file, folder, new Invalid(origin + ": spec.path '"
                            + pathField + "': " + e.getMessage())));
                } catch (InvalidFieldException e) {
                    return new Built(release(identity, file, folder, new Invalid(origin + ": " + e.getMessage())));
                }
            });
        } catch (InvalidFieldException e) {
            // Refused, it still claims its path: the folder is not applied as something else meanwhile.
            Built invalid = new Built(release(identity, file, folder, new Invalid(origin + ": " + e.getMessage())));
            return new KustomizeRelease(claimed(fields, snapshot), () -> invalid);
        }
    }

    /** The folders {@code spec.path} takes in, if it names a folder of the commit; none else. */
    private static Set<String> claimed(Fields fields, CommitSnapshot snapshot) {
        try {
            return KustomizationFolders.resolve("", fields.text("spec.path").orElse("./"))
                    .filter(path -> snapshot.folderId(path).isPresent())
                    .map(path -> KustomizationFolders.closure(snapshot, path)).orElse(Set.of());
        } catch (InvalidFieldException e) {
            return Set.of();
        }
    }

    private static HelmReleaseIdentity identity(String file, int document, Fields fields)
            throws UnidentifiedDocumentException {
        try {
            return HelmReleaseIdentity.read(file, document, fields);
        } catch (UnidentifiedDocumentException e) {
            throw new UnidentifiedDocumentException(file, e.reason().replace("HelmRelease", ORIGIN_KIND));
        }
    }

    private static DeclaredRelease release(HelmReleaseIdentity identity, String file, String folder,
            DeclaredRelease.Content content) {
        return new DeclaredRelease(ReleaseFormat.KUSTOMIZATION, identity.namespace(), identity.name(), file, folder,
                content);
    }

    private static void refuseUnsupported(Fields fields) throws InvalidFieldException {
        if (fields.has("spec.kubeConfig")) {
            throw new InvalidFieldException("spec.kubeConfig: applying to another cluster than the one targeted is"
                    + " not supported; remove spec.kubeConfig and send the file to that cluster with flotilla.yaml");
        }
        if (fields.has("spec.decryption")) {
            String provider = fields.text("spec.decryption.provider").orElse("");
            if (!provider.equals("sops")) {
                throw new InvalidFieldException("spec.decryption.provider: '" + provider + "' is not a decryption"
                        + " provider; Flux and Flotilla decrypt with sops");
            }
        }
    }

    /** The watched repository only: its own GitRepository, or {@code flux-system} as bootstrap names it. */
    private static void checkSource(Fields fields, String namespace, FluxSources sources, String repository)
            throws InvalidFieldException {
        String kind = fields.requiredText("spec.sourceRef.kind");
        String name = fields.requiredText("spec.sourceRef.name");
        String namespacedName = fields.text("spec.sourceRef.namespace").orElse(namespace) + "/" + name;
        if (!kind.equals(FluxSources.GIT_REPOSITORY)) {
            throw new InvalidFieldException("spec.sourceRef: Kustomizations of a " + kind + " are not supported;"
                    + " use the GitRepository of this repository");
        }
        Optional<Fields> source = sources.source(FluxSources.GIT_REPOSITORY, namespacedName);
        if (source.isEmpty()) {
            if (name.equals(BOOTSTRAP_SOURCE)) {
                return;
            }
            throw new InvalidFieldException("spec.sourceRef: GitRepository " + namespacedName
                    + " is not defined in the repository");
        }
        String url = source.get().requiredText("spec.url");
        if (!RepositoryUrl.same(url, repository)) {
            throw new InvalidFieldException("spec.sourceRef: GitRepository " + namespacedName + " is " + url
                    + ", another repository; Flotilla builds Kustomizations of the repository it watches: watch "
                    + url + " as a source of its own and keep the Kustomization there");
        }
    }

    /** A folder of the commit, as {@code reference} names it from {@code base}. */
    private static String folder(String reference, String field, String base, CommitSnapshot snapshot)
            throws InvalidFieldException {
        String resolved = KustomizationFolders.resolve(base, reference).orElseThrow(() -> new InvalidFieldException(
                field + " '" + reference + "' leaves the repository"));
        if (snapshot.folderId(resolved).isEmpty()) {
            throw new InvalidFieldException(field + " '" + reference + "' is no folder of the repository at "
                    + snapshot.shortSha());
        }
        return resolved;
    }

    /** {@code spec.components}, relative to {@code spec.path} as Flux reads them; missing ones skipped if asked. */
    private static List<String> components(Fields fields, String path, CommitSnapshot snapshot)
            throws InvalidFieldException {
        boolean ignoreMissing = fields.flag("spec.ignoreMissingComponents");
        List<String> components = new ArrayList<>();
        int index = 0;
        for (Object entry : fields.list("spec.components")) {
            String field = "spec.components[" + index++ + "]";
            if (!(entry instanceof String reference)) {
                throw new InvalidFieldException(field + " must be a path");
            }
            try {
                components.add(folder(reference, field, path, snapshot));
            } catch (InvalidFieldException e) {
                if (!ignoreMissing) {
                    throw e;
                }
            }
        }
        return components;
    }

    /** The kustomization fields the overlay adds over {@code spec.path}. */
    private static Map<String, Object> overlay(Fields fields) throws InvalidFieldException {
        Map<String, Object> overlay = new LinkedHashMap<>();
        Optional<String> targetNamespace = fields.text("spec.targetNamespace");
        targetNamespace.ifPresent(namespace -> overlay.put("namespace", namespace));
        Optional<String> prefix = fields.text("spec.namePrefix");
        prefix.ifPresent(value -> overlay.put("namePrefix", value));
        Optional<String> suffix = fields.text("spec.nameSuffix");
        suffix.ifPresent(value -> overlay.put("nameSuffix", value));
        for (String field : List.of("patches", "images", "patchesStrategicMerge", "patchesJson6902")) {
            List<?> entries = fields.list("spec." + field);
            if (!entries.isEmpty()) {
                overlay.put(field, entries);
            }
        }
        return overlay;
    }

    /**
     * {@code spec.postBuild}: {@code substituteFrom} in order, then {@code substitute} over them; null when neither
     * defines anything, as Flux then substitutes nothing.
     */
    private static PostBuildSubstitution substitution(Fields fields, String namespace,
            RepositoryValues repositoryValues) throws InvalidFieldException {
        if (!fields.has("spec.postBuild.substitute") && !fields.has("spec.postBuild.substituteFrom")) {
            return null;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        int index = 0;
        for (Object entry : fields.list("spec.postBuild.substituteFrom")) {
            String field = "spec.postBuild.substituteFrom[" + index++ + "]";
            Fields reference = HelmReleaseValues.entry(entry, field);
            String kind = reference.requiredText("kind");
            if (!kind.equals(RepositoryValues.CONFIG_MAP) && !kind.equals(RepositoryValues.SECRET)) {
                throw new InvalidFieldException(field + ".kind '" + kind + "' must be ConfigMap or Secret");
            }
            String name = reference.requiredText("name");
            if (!repositoryValues.has(kind, namespace, name)) {
                if (reference.flag("optional")) {
                    continue;
                }
                throw new InvalidFieldException(field + ": " + kind + " " + namespace + "/" + name
                        + " is not in the repository");
            }
            for (String key : repositoryValues.keys(kind, namespace, name)) {
                repositoryValues.text(kind, namespace, name, key).ifPresent(value -> variables.put(key, value));
            }
        }
        for (Map.Entry<String, Object> variable : fields.mapping("spec.postBuild.substitute").orElse(Map.of())
                .entrySet()) {
            variables.put(variable.getKey(), String.valueOf(variable.getValue()));
        }
        for (String name : variables.keySet()) {
            if (!PostBuildSubstitution.validName(name)) {
                throw new InvalidFieldException("spec.postBuild: '" + name + "' is no variable name (letters, digits"
                        + " and _, not starting with a digit)");
            }
        }
        return new PostBuildSubstitution(variables, FluxKustomization::isClusterVariable);
    }

    /** The variables each cluster gives its releases later ({@code ClusterVariables}), unless the Kustomization sets them. */
    private static boolean isClusterVariable(String name) {
        return name.equals("cluster_name") || name.equals("cluster_kubernetes_version")
                || name.startsWith("cluster_label_");
    }

    private static List<ObjectRef> healthChecks(Fields fields) throws InvalidFieldException {
        List<ObjectRef> checks = new ArrayList<>();
        int index = 0;
        for (Object entry : fields.list("spec.healthChecks")) {
            Fields check = HelmReleaseValues.entry(entry, "spec.healthChecks[" + index++ + "]");
            checks.add(new ObjectRef(check.text("apiVersion").orElse("v1"), check.requiredText("kind"),
                    check.text("namespace").orElse(null), check.requiredText("name")));
        }
        return checks;
    }

    /** What is applied: everything built but the declarations, which Flotilla reads as if written in a file. */
    private static List<Map<String, Object>> applied(List<Map<String, Object>> built) {
        return built.stream().filter(object -> DocumentRole.of(object) == DocumentRole.MANIFEST).toList();
    }

    /**
     * Objects built without a namespace (no {@code targetNamespace}) land in {@code default}, as a folder's plain
     * manifests do, not in the Kustomization's own namespace. The applier clears it again on any cluster-scoped
     * kind; the usual ones are left without it here, as they were built.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> inDefaultNamespace(List<Map<String, Object>> objects) {
        List<Map<String, Object>> placed = new ArrayList<>(objects.size());
        for (Map<String, Object> object : objects) {
            Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> given ? given : Map.of();
            if (metadata.get("namespace") instanceof String namespace && !namespace.isEmpty()
                    || CLUSTER_SCOPED.contains(object.get("kind"))) {
                placed.add(object);
                continue;
            }
            Map<String, Object> withNamespace = new LinkedHashMap<>((Map<String, Object>) metadata);
            withNamespace.put("namespace", HelmReleaseIdentity.DEFAULT_NAMESPACE);
            Map<String, Object> copy = new LinkedHashMap<>(object);
            copy.put("metadata", withNamespace);
            placed.add(copy);
        }
        return placed;
    }

    /** {@code spec.commonMetadata}: its labels and annotations on every object, over those it has. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> withCommonMetadata(List<Map<String, Object>> objects,
            Map<String, Object> commonMetadata) throws InvalidFieldException {
        if (commonMetadata.isEmpty()) {
            return objects;
        }
        List<Map<String, Object>> marked = new ArrayList<>(objects.size());
        for (Map<String, Object> object : objects) {
            Map<String, Object> copy = new LinkedHashMap<>(object);
            Map<String, Object> metadata = new LinkedHashMap<>(
                    object.get("metadata") instanceof Map<?, ?> given ? (Map<String, Object>) given : Map.of());
            for (String field : List.of("labels", "annotations")) {
                Object extra = commonMetadata.get(field);
                if (extra == null) {
                    continue;
                }
                if (!(extra instanceof Map<?, ?> pairs)) {
                    throw new InvalidFieldException("spec.commonMetadata." + field + " must be a mapping");
                }
                Map<String, Object> merged = new LinkedHashMap<>(
                        metadata.get(field) instanceof Map<?, ?> given ? (Map<String, Object>) given : Map.of());
                pairs.forEach((key, value) -> merged.put(String.valueOf(key), String.valueOf(value)));
                metadata.put(field, merged);
            }
            copy.put("metadata", metadata);
            marked.add(copy);
        }
        return marked;
    }
}
