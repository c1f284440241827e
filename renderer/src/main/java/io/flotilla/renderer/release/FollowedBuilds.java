package io.flotilla.renderer.release;

import static io.flotilla.renderer.release.ReleaseScanner.within;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.flotilla.renderer.kustomize.KustomizeBuilds;
import io.flotilla.renderer.release.DeclaredRelease.Invalid;
import io.flotilla.renderer.release.DeclaredRelease.Manifests;
import io.flotilla.renderer.release.ReleaseScanner.Document;
import io.flotilla.renderer.source.CommitSnapshot;

/**
 * The kustomize builds of a commit, followed as Flux applies them: every build at once, then the Kustomizations
 * they make, round after round. What a build makes besides the objects it applies (HelmReleases, Flux sources,
 * Kustomizations) is a declaration, named and sent by the Kustomization that builds it; a Kustomization written in
 * a file that a build takes in is only what that build makes of it.
 */
final class FollowedBuilds {

    private final List<Candidate> candidates;
    private final FluxSources everySource;
    private final RepositoryValues repositoryValues;
    private final CommitSnapshot snapshot;
    private final KustomizeBuilds builds;

    /** Every build, in the order built. */
    final List<Producer> producers = new ArrayList<>();
    /** The Flux sources the builds made, as built. */
    final List<Map<String, Object>> sources = new ArrayList<>();
    /** The HelmReleases the builds made, as built. */
    final List<Made> helmReleases = new ArrayList<>();
    /** The Kustomizations of files that a build made. */
    final Set<Candidate> reached = new HashSet<>();

    /**
     * @param candidates       the Kustomizations of every file
     * @param everySource      the Flux sources of every file, where a Kustomization's sourceRef is looked up
     * @param repositoryValues where the objects built are offered as values, and substituteFrom looks
     */
    FollowedBuilds(List<Candidate> candidates, FluxSources everySource, RepositoryValues repositoryValues,
            CommitSnapshot snapshot, KustomizeBuilds builds) {
        this.candidates = candidates;
        this.everySource = everySource;
        this.repositoryValues = repositoryValues;
        this.snapshot = snapshot;
        this.builds = builds;
    }

    /**
     * Every build of {@code round} at once, then the Kustomizations they make, round after round, as Flux applies
     * a Kustomization that applies others. A Kustomization that makes itself (flux bootstrap's {@code flux-system}
     * builds the folder of its own file) is followed once; one that makes a Kustomization that made it is a cycle,
     * and fails.
     */
    void follow(List<Producer> roots) {
        List<Producer> round = roots;
        while (!round.isEmpty()) {
            List<KustomizeRelease.Built> built = buildAll(round.stream().map(Producer::kustomize).toList());
            List<Producer> next = new ArrayList<>();
            for (int i = 0; i < round.size(); i++) {
                Producer producer = round.get(i);
                producer.built = built.get(i).release();
                producers.add(producer);
                if (producer.built.content() instanceof Manifests manifests) {
                    manifests.objects().forEach(repositoryValues::offer);
                }
                int index = 0;
                for (Map<String, Object> object : built.get(i).declarations()) {
                    Document document = new Document(producer.file, producer.folder, ++index, object);
                    switch (DocumentRole.of(object)) {
                        case FLUX_SOURCE -> sources.add(object);
                        case FLUX_KUSTOMIZATION -> madeKustomization(producer, document).ifPresent(next::add);
                        case FLUX_V1_HELM_RELEASE, FLUX_V2_HELM_RELEASE ->
                                helmReleases.add(new Made(producer, document));
                    }
                }
            }
            round = next;
        }
    }

    /**
     * A Kustomization a build makes, to build in turn. It is named and sent by the file it is written in when that
     * file is among what its maker builds (one Kustomization of that namespace and name there), else by its maker's.
     */
    private Optional<Producer> madeKustomization(Producer maker, Document document) {
        String id;
        try {
            id = kustomizationId(document);
        } catch (UnidentifiedDocumentException e) {
            maker.errors.add(maker.origin() + ": it builds a " + e.reason().replace("HelmRelease", "Kustomization"));
            return Optional.empty();
        }
        if (id.equals(maker.kustomization)) {
            return Optional.empty();
        }
        List<String> chain = new ArrayList<>(maker.chain);
        if (maker.kustomization != null) {
            chain.add(maker.kustomization);
        }
        if (chain.contains(id)) {
            chain.add(id);
            maker.errors.add(maker.origin() + ": it builds Kustomization " + id + ", which builds it: a cycle ("
                    + String.join(" builds ", chain.subList(chain.indexOf(id), chain.size()))
                    + "); keep each Kustomization's file out of the paths of the Kustomizations it builds");
            return Optional.empty();
        }
        List<Candidate> written = candidates.stream().filter(candidate -> candidate.id().equals(id)
                && within(candidate.document().folder(), maker.kustomize.folders())).toList();
        Document declared = document;
        if (written.size() == 1) {
            reached.add(written.get(0));
            Document file = written.get(0).document();
            declared = new Document(file.file(), file.folder(), file.index(), document.object());
        }
        try {
            return Optional.of(new Producer(declared.file(), declared.folder(), id, FluxKustomization.read(
                    declared.file(), declared.folder(), declared.index(), declared.object(), everySource,
                    repositoryValues, snapshot, builds), chain));
        } catch (UnidentifiedDocumentException e) {
            maker.errors.add(e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * A build that fails makes none of its declarations: their releases are not gone, only unreadable, and so are
     * those of the Kustomizations written in what it builds, and of the HelmReleases written there (a release
     * published before Flotilla read them as built names their own file).
     *
     * @param helmReleases the HelmReleases of every file
     */
    void notBuilt(Producer producer, String error, List<Document> helmReleases, Map<String, String> unreadableFiles) {
        unreadableFiles.merge(producer.file, error, (known, more) -> known + "; " + more);
        Deque<Set<String>> pending = new ArrayDeque<>(List.of(producer.kustomize.folders()));
        Set<Candidate> done = new HashSet<>();
        while (!pending.isEmpty()) {
            Set<String> built = pending.removeFirst();
            for (Candidate candidate : candidates) {
                if (within(candidate.document().folder(), built) && done.add(candidate)
                        && !candidate.document().file().equals(producer.file)) {
                    unreadableFiles.merge(candidate.document().file(), "not built: " + error,
                            (known, more) -> known + "; " + more);
                    pending.addLast(candidate.release().folders());
                }
            }
            helmReleases.stream().filter(document -> within(document.folder(), built)).map(Document::file)
                    .distinct().forEach(file -> unreadableFiles.merge(file, "not built: " + error,
                            (known, more) -> known + "; " + more));
        }
    }

    /**
     * Why {@code candidate}, which no build made, is in a cycle: only Kustomizations it builds itself, directly or
     * not, build its file. Empty when it is not, and simply not built (a kustomization that does not list it).
     */
    Optional<String> cycle(Candidate candidate, Set<String> plainBuilt) {
        Deque<List<Candidate>> paths = new ArrayDeque<>(List.of(List.of(candidate)));
        Set<Candidate> seen = new HashSet<>();
        while (!paths.isEmpty()) {
            List<Candidate> path = paths.removeFirst();
            Candidate last = path.get(path.size() - 1);
            if (within(last.document().folder(), plainBuilt)) {
                continue;
            }
            for (Candidate builder : builders(last)) {
                if (builder == candidate) {
                    List<String> names = new ArrayList<>();
                    path.forEach(step -> names.add(step.id() + " (" + step.document().file() + ")"));
                    names.add(candidate.id());
                    return Optional.of(candidate.origin() + ": only Kustomizations it builds build its file, a cycle ("
                            + String.join(" is built by ", names) + "), so none of them is applied; keep each"
                            + " Kustomization's file out of the paths of the Kustomizations it builds");
                }
                if (!reached.contains(builder) && seen.add(builder)) {
                    List<Candidate> longer = new ArrayList<>(path);
                    longer.add(builder);
                    paths.addLast(longer);
                }
            }
        }
        return Optional.empty();
    }

    /** The other Kustomizations whose builds take in the file of {@code candidate}. */
    List<Candidate> builders(Candidate candidate) {
        return candidates.stream().filter(other -> other != candidate
                && within(candidate.document().folder(), other.release().folders())).toList();
    }

    /** The namespace/name of a Kustomization, its namespace {@code default} when it has none. */
    static String kustomizationId(Document document) throws UnidentifiedDocumentException {
        HelmReleaseIdentity identity = HelmReleaseIdentity.read(document.file(), document.index(),
                new Fields(document.object()));
        return identity.namespace() + "/" + identity.name();
    }

    /** Every build at once, as many at a time as there are cores: each runs kustomize, a process of its own. */
    private static List<KustomizeRelease.Built> buildAll(List<KustomizeRelease> toBuild) {
        if (toBuild.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(toBuild.size(), Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<KustomizeRelease.Built>> built = new ArrayList<>();
            for (KustomizeRelease release : toBuild) {
                built.add(pool.submit(release.build()::run));
            }
            List<KustomizeRelease.Built> releases = new ArrayList<>();
            for (Future<KustomizeRelease.Built> release : built) {
                releases.add(release.get());
            }
            return releases;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while kustomize built the commit's folders", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot build with kustomize: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A Kustomization read from its file: built when no other build takes its file in. */
    record Candidate(Document document, String id, KustomizeRelease release) {

        String namespace() {
            return id.substring(0, id.indexOf('/'));
        }

        String name() {
            return id.substring(id.indexOf('/') + 1);
        }

        String origin() {
            return document.file() + ": Kustomization " + id;
        }
    }

    /**
     * A build, and what names and sends the declarations it makes: a Kustomization's file and folder, or a
     * kustomization folder's file and the folder.
     */
    static final class Producer {
        private final String file;
        private final String folder;
        /** The Kustomization's namespace/name; null for a folder with a kustomization file. */
        private final String kustomization;
        private final KustomizeRelease kustomize;
        /** The Kustomizations that made this one, outermost first. */
        private final List<String> chain;
        /** What fails it besides its build: declarations it makes that cannot be read, a cycle. */
        private final List<String> errors = new ArrayList<>();
        private DeclaredRelease built;

        Producer(String file, String folder, String kustomization, KustomizeRelease kustomize, List<String> chain) {
            this.file = file;
            this.folder = folder;
            this.kustomization = kustomization;
            this.kustomize = kustomize;
            this.chain = List.copyOf(chain);
        }

        KustomizeRelease kustomize() {
            return kustomize;
        }

        /** Fails it with {@code error} besides what its build gives. */
        void fail(String error) {
            errors.add(error);
        }

        String origin() {
            return kustomization == null ? file : file + ": Kustomization " + kustomization;
        }

        /** Its built release, failed with what else went wrong if anything did. */
        DeclaredRelease release() {
            if (errors.isEmpty() || built.content() instanceof Invalid) {
                return built;
            }
            return new DeclaredRelease(built.format(), built.namespace(), built.name(), built.sourceFile(),
                    built.folder(), new Invalid(String.join("; ", errors)));
        }
    }

    /** A declaration a build made, and the build. */
    record Made(Producer producer, Document document) {
    }
}
