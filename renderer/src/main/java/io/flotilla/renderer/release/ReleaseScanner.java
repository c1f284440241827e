package io.flotilla.renderer.release;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.eclipse.jgit.lib.ObjectId;

import io.flotilla.events.ReleaseFormat;
import io.flotilla.events.ReleaseOptions;
import io.flotilla.renderer.kustomize.KustomizationFolders;
import io.flotilla.renderer.kustomize.KustomizeBuilds;
import io.flotilla.renderer.kustomize.KustomizeException;
import io.flotilla.renderer.release.DeclaredRelease.Invalid;
import io.flotilla.renderer.release.DeclaredRelease.Manifests;
import io.flotilla.renderer.release.FollowedBuilds.Candidate;
import io.flotilla.renderer.release.FollowedBuilds.Made;
import io.flotilla.renderer.release.FollowedBuilds.Producer;
import io.flotilla.renderer.source.CommitSnapshot;
import io.flotilla.renderer.targeting.TargetingFile;

/**
 * Finds every release a commit declares. Every YAML file is read, except those in chart folders (a folder
 * with a {@code Chart.yaml}, and everything below it) and in dot-folders: HelmRelease documents are releases
 * of their own; Flux sources only say where charts are; documents without apiVersion or kind (values
 * files) are ignored; every other document is a plain manifest of its folder's release.
 *
 * <p>Kustomize builds what it is asked to: a Flux Kustomization is a release of what kustomize builds from its
 * {@code spec.path}, and a folder with a kustomization file is a release of what kustomize builds from it (named as
 * a folder of plain manifests is), unless another build takes it in. The folders a build takes in (its path and
 * everything below, the bases, resources and components it refers to) are no releases of plain manifests, and the
 * HelmReleases, Flux sources and Kustomizations written there are read as the build makes them, not from their
 * files ({@link FollowedBuilds}). A Kustomization is built when no other build takes its file in (or only its own,
 * as flux bootstrap's {@code flux-system}); the others are built when a build makes them. Every build of a commit
 * runs at once, each kept by what it reads, so a commit builds again only what it changed.
 *
 * <p>Bad input stays where it is: an unreadable file fails its folder's manifests release, a broken
 * HelmRelease fails that release, and everything else is found as usual. The targeting file at the root
 * ({@link TargetingFile#NAME}) says where releases go; it declares none. Unreadable files are also named on
 * their own, so that the releases they held are not taken for removed.
 */
public final class ReleaseScanner {

    /** Parsed files are kept by blob id, so a commit re-reads only the files it changed. */
    private static final int PARSED_FILES_KEPT = 20_000;

    private final Map<ObjectId, ParsedFile> parsedFiles = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectId, ParsedFile> eldest) {
            return size() > PARSED_FILES_KEPT;
        }
    };

    private final KustomizeBuilds builds;

    /** @param builds runs kustomize for Flux Kustomizations and folders with a kustomization file */
    public ReleaseScanner(KustomizeBuilds builds) {
        this.builds = builds;
    }

    public synchronized CommitDeclarations scan(CommitSnapshot snapshot) {
        Set<String> chartFolders = chartFolders(snapshot);
        Map<String, FolderManifests> folders = new TreeMap<>();
        List<DeclaredRelease> releases = new ArrayList<>();
        Map<String, String> unreadableFiles = new TreeMap<>();
        RepositoryValues repositoryValues = new RepositoryValues();
        List<Document> fluxV1 = new ArrayList<>();
        List<Document> fluxV2 = new ArrayList<>();
        List<Document> kustomizations = new ArrayList<>();
        List<Document> fileSources = new ArrayList<>();
        Set<String> kustomizeRoots = new TreeSet<>();
        for (Map.Entry<String, ObjectId> file : snapshot.files().entrySet()) {
            String path = file.getKey();
            String folder = folderOf(path);
            if (inDotFolder(folder) || within(folder, chartFolders) || path.equals(TargetingFile.NAME)) {
                continue;
            }
            if (KustomizationFolders.isKustomizationFile(path) && !KustomizationFolders.isComponent(snapshot, folder)) {
                kustomizeRoots.add(folder);
            }
            if (!isYaml(path)) {
                continue;
            }
            FolderManifests manifests = folders.computeIfAbsent(folder, FolderManifests::new);
            ParsedFile parsed = parse(snapshot, path, file.getValue());
            if (parsed.error() != null) {
                manifests.fail(path + ": " + parsed.error());
                unreadableFiles.put(path, parsed.error());
                continue;
            }
            int index = 0;
            for (Object object : parsed.documents()) {
                index++;
                DocumentRole role = DocumentRole.of(object);
                if (role == DocumentRole.NOT_AN_OBJECT) {
                    continue;
                }
                Document document = new Document(path, folder, index, asMap(object));
                switch (role) {
                    case FLUX_V1_HELM_RELEASE -> fluxV1.add(document);
                    case FLUX_V2_HELM_RELEASE -> fluxV2.add(document);
                    case FLUX_KUSTOMIZATION -> kustomizations.add(document);
                    case FLUX_SOURCE -> fileSources.add(document);
                    default -> {
                        manifests.add(document);
                        repositoryValues.offer(document.object());
                    }
                }
            }
        }
        // A Kustomization's sourceRef may name a GitRepository of any file, built or not.
        FluxSources everySource = new FluxSources();
        fileSources.forEach(document -> everySource.add(document.object()));
        List<Candidate> candidates = new ArrayList<>();
        // Folders a build takes in are not releases of their own: a Kustomization's path, what it refers to, and
        // the folders of kustomize bases and components.
        Set<String> builtFolders = new HashSet<>();
        for (Document document : kustomizations) {
            try {
                KustomizeRelease release = FluxKustomization.read(document.file(), document.folder(),
                        document.index(), document.object(), everySource, repositoryValues, snapshot, builds);
                candidates.add(new Candidate(document, FollowedBuilds.kustomizationId(document), release));
                builtFolders.addAll(release.folders());
            } catch (UnidentifiedDocumentException e) {
                folders.get(document.folder()).fail(e.getMessage());
                unreadableFiles.merge(e.file(), e.reason(), (known, more) -> known + "; " + more);
            }
        }
        for (String root : kustomizeRoots) {
            KustomizationFolders.closure(snapshot, root).stream().filter(folder -> !folder.equals(root))
                    .forEach(builtFolders::add);
        }
        FollowedBuilds followed = new FollowedBuilds(candidates, everySource, repositoryValues, snapshot, builds);
        List<Producer> round = new ArrayList<>();
        Set<String> plainBuilt = new HashSet<>();
        for (String root : kustomizeRoots) {
            if (!within(root, builtFolders) && !below(root, kustomizeRoots)) {
                String file = KustomizationFolders.kustomizationFile(snapshot, root).orElseThrow();
                round.add(new Producer(file, root, null, plainKustomization(snapshot, root, file, folders.get(root)),
                        List.of()));
                plainBuilt.addAll(KustomizationFolders.closure(snapshot, root));
            }
        }
        Set<Candidate> roots = new HashSet<>();
        for (Candidate candidate : candidates) {
            if (followed.builders(candidate).isEmpty() && !within(candidate.document().folder(), plainBuilt)) {
                roots.add(candidate);
                round.add(new Producer(candidate.document().file(), candidate.document().folder(), candidate.id(),
                        candidate.release(), List.of()));
            }
        }
        followed.follow(round);
        // HelmReleases and sources are read last, as built where a build makes them, else from their files.
        Predicate<String> madeByBuilds = folder -> kustomizeRoots.contains(folder)
                || kustomizeOwned(folder, builtFolders, kustomizeRoots);
        FluxSources sources = new FluxSources();
        followed.sources.forEach(sources::add);
        fileSources.stream().filter(document -> !madeByBuilds.test(document.folder()))
                .forEach(document -> sources.add(document.object()));
        for (Document document : fluxV1) {
            if (!madeByBuilds.test(document.folder())) {
                add(releases, unreadableFiles, folders.get(document.folder())::fail, () -> FluxV1HelmRelease.read(
                        document.file(), document.folder(), document.index(), document.object(), repositoryValues,
                        snapshot.location()));
            }
        }
        for (Document document : fluxV2) {
            if (!madeByBuilds.test(document.folder())) {
                add(releases, unreadableFiles, folders.get(document.folder())::fail, () -> FluxV2HelmRelease.read(
                        document.file(), document.folder(), document.index(), document.object(), sources,
                        repositoryValues, snapshot.location()));
            }
        }
        for (Made made : followed.helmReleases) {
            Document document = made.document();
            add(releases, unreadableFiles, made.producer()::fail,
                    () -> DocumentRole.of(document.object()) == DocumentRole.FLUX_V1_HELM_RELEASE
                            ? FluxV1HelmRelease.read(document.file(), document.folder(), document.index(),
                                    document.object(), repositoryValues, snapshot.location())
                            : FluxV2HelmRelease.read(document.file(), document.folder(), document.index(),
                                    document.object(), sources, repositoryValues, snapshot.location()));
        }
        List<Document> writtenHelmReleases = new ArrayList<>(fluxV1);
        writtenHelmReleases.addAll(fluxV2);
        for (Producer producer : followed.producers) {
            releases.add(producer.release());
            if (producer.release().content() instanceof Invalid invalid) {
                followed.notBuilt(producer, invalid.error(), writtenHelmReleases, unreadableFiles);
            }
        }
        for (Candidate candidate : candidates) {
            if (!roots.contains(candidate) && !followed.reached.contains(candidate)) {
                followed.cycle(candidate, plainBuilt).ifPresent(error -> {
                    releases.add(new DeclaredRelease(ReleaseFormat.KUSTOMIZATION, candidate.namespace(),
                            candidate.name(), candidate.document().file(), candidate.document().folder(),
                            new Invalid(error)));
                    unreadableFiles.merge(candidate.document().file(), error, (known, more) -> known + "; " + more);
                });
            }
        }
        folders.values().stream().filter(FolderManifests::declaresSomething)
                .filter(manifests -> manifests.hasErrors() || !kustomizeOwned(manifests.folder, builtFolders,
                        kustomizeRoots))
                .filter(manifests -> !kustomizeRoots.contains(manifests.folder))
                .map(FolderManifests::release).forEach(releases::add);
        releases.sort(Comparator.comparing(DeclaredRelease::sourceFile));
        return new CommitDeclarations(releases, unreadableFiles);
    }

    /**
     * A folder with a kustomization file that no other build takes in: one release, named as a folder of plain
     * manifests is, of what kustomize builds from it.
     */
    private KustomizeRelease plainKustomization(CommitSnapshot snapshot, String root, String file,
            FolderManifests documents) {
        return new KustomizeRelease(KustomizationFolders.closure(snapshot, root), () -> {
            FolderManifests built = new FolderManifests(root);
            if (documents != null && documents.hasErrors()) {
                documents.errors.forEach(built::fail);
                return new KustomizeRelease.Built(built.release());
            }
            List<Map<String, Object>> declarations = new ArrayList<>();
            try {
                int index = 0;
                for (Map<String, Object> object : builds.build(snapshot, root, Map.of(), List.of())) {
                    DocumentRole role = DocumentRole.of(object);
                    if (role == DocumentRole.MANIFEST) {
                        built.add(new Document(file, root, ++index, object));
                    } else if (role.declares()) {
                        declarations.add(object);
                    }
                }
            } catch (KustomizeException e) {
                built.fail(file + ": " + e.getMessage());
            }
            return new KustomizeRelease.Built(built.release(), built.hasErrors() ? List.of() : declarations);
        });
    }

    /** Whether {@code folder} is one of {@code folders} or below one. */
    static boolean within(String folder, Set<String> folders) {
        for (String current = folder; ; current = folderOf(current)) {
            if (folders.contains(current)) {
                return true;
            }
            if (current.isEmpty()) {
                return false;
            }
        }
    }

    /** Whether {@code folder} is strictly below one of {@code folders}. */
    private static boolean below(String folder, Set<String> folders) {
        return !folder.isEmpty() && within(folderOf(folder), folders);
    }

    /** Whether the documents of {@code folder} are a build's, not a release of plain manifests. */
    private static boolean kustomizeOwned(String folder, Set<String> builtFolders, Set<String> kustomizeRoots) {
        return within(folder, builtFolders) || below(folder, kustomizeRoots);
    }

    /** The release name of a folder of plain manifests: its path with dashes, {@code root} for the root. */
    private static String manifestsReleaseName(String folder) {
        return folder.isEmpty() ? "root" : folder.replace('/', '-');
    }

    /**
     * A HelmRelease that does not say which release it is fails what declares it instead: its folder's manifests
     * release, or the build that made it.
     */
    private static void add(List<DeclaredRelease> releases, Map<String, String> unreadableFiles,
            Consumer<String> fail, HelmReleaseReading reading) {
        try {
            releases.add(reading.read());
        } catch (UnidentifiedDocumentException e) {
            fail.accept(e.getMessage());
            unreadableFiles.merge(e.file(), e.reason(), (known, more) -> known + "; " + more);
        }
    }

    private ParsedFile parse(CommitSnapshot snapshot, String path, ObjectId blob) {
        return parsedFiles.computeIfAbsent(blob, id -> {
            try {
                return new ParsedFile(YamlDocuments.parse(snapshot.readText(path)), null);
            } catch (InvalidYamlException e) {
                return new ParsedFile(List.of(), e.getMessage());
            } catch (RuntimeException e) {
                // Whatever else the parser trips over is still this file's problem, not the commit's.
                return new ParsedFile(List.of(), "cannot be read as YAML: " + e.getMessage());
            }
        });
    }

    private static Set<String> chartFolders(CommitSnapshot snapshot) {
        Set<String> folders = new HashSet<>();
        for (String path : snapshot.files().keySet()) {
            if (path.equals("Chart.yaml") || path.endsWith("/Chart.yaml")) {
                folders.add(folderOf(path));
            }
        }
        return folders;
    }

    static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static boolean isYaml(String path) {
        return path.endsWith(".yaml") || path.endsWith(".yml");
    }

    private static boolean inDotFolder(String folder) {
        for (String segment : folder.split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private interface HelmReleaseReading {
        DeclaredRelease read() throws UnidentifiedDocumentException;
    }

    /** @param error why the file is not YAML, null when it is */
    private record ParsedFile(List<Object> documents, String error) {
    }

    /** Documents with an apiVersion and a kind are mappings. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object document) {
        return (Map<String, Object>) document;
    }

    /** A document of a file, or of what a build made, and where it is named from. */
    record Document(String file, String folder, int index, Map<String, Object> object) {
    }

    /** The plain manifests of one folder, or what keeps them from being applied. */
    private static final class FolderManifests {
        /** Where plain manifests without a namespace of their own land, as with {@code kubectl apply}. */
        private static final String NAMESPACE = "default";

        private final String folder;
        private final List<Map<String, Object>> objects = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();
        private ReleaseOptions options = ReleaseOptions.DEFAULTS;
        /** The object whose annotations set the folder's options, for a message when another disagrees. */
        private String optionsFrom;

        FolderManifests(String folder) {
            this.folder = folder;
        }

        void add(Document document) {
            Map<String, Object> object = document.object();
            if (!(object.get("metadata") instanceof Map<?, ?> metadata)
                    || !(metadata.get("name") instanceof String name) || name.isEmpty()) {
                fail(document.file() + ": " + object.get("kind") + " in document " + document.index()
                        + ": metadata.name is required");
                return;
            }
            String origin = document.file() + ": " + object.get("kind") + " " + name;
            try {
                takeOptions(origin, ReleaseOptionsReading.annotated(ReleaseOptions.DEFAULTS,
                        ReleaseOptionsReading.annotations(metadata)));
            } catch (InvalidFieldException e) {
                fail(origin + ": " + e.getMessage());
                return;
            }
            objects.add(object);
        }

        /**
         * The folder is one release with one interval and one drift detection mode: any of its objects may set
         * them by annotation, and two that set them differently fail the folder.
         */
        private void takeOptions(String origin, ReleaseOptions annotated) {
            if (annotated.equals(ReleaseOptions.DEFAULTS)) {
                return;
            }
            if (optionsFrom == null) {
                options = annotated;
                optionsFrom = origin;
                return;
            }
            if (!annotated.equals(options)) {
                fail(origin + ": its annotations " + ReleaseOptionsReading.INTERVAL_ANNOTATION + " and "
                        + ReleaseOptionsReading.DRIFT_ANNOTATION + " differ from those of " + optionsFrom
                        + "; the objects of a folder are one release: annotate them alike, or only one");
            }
        }

        void fail(String error) {
            errors.add(error);
        }

        boolean hasErrors() {
            return !errors.isEmpty();
        }

        boolean declaresSomething() {
            return !objects.isEmpty() || !errors.isEmpty();
        }

        DeclaredRelease release() {
            DeclaredRelease.Content content = errors.isEmpty()
                    ? new Manifests(List.copyOf(objects), options)
                    : new Invalid(String.join("; ", errors));
            return new DeclaredRelease(ReleaseFormat.MANIFESTS, NAMESPACE, manifestsReleaseName(folder),
                    folder.isEmpty() ? "." : folder, folder, content);
        }
    }
}
