package io.flotilla.renderer.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;

import io.flotilla.git.secret.SourceAuth;
import io.flotilla.renderer.release.ChartLocation;
import io.flotilla.renderer.release.DependencyLogins;
import io.flotilla.renderer.release.OciChart;
import io.flotilla.renderer.release.RepositoryChart;
import io.flotilla.renderer.source.CommitSnapshot;
import io.flotilla.renderer.version.VersionRange;

/**
 * The dependencies of a chart's {@code Chart.yaml} that its {@code charts/} folder does not vendor, as
 * {@code helm dependency build} takes them. {@code file://} ones are folders of the same commit, found relative to
 * the chart as Helm finds them, and built into {@code charts/} by Helm's own {@code helm dependency build} (or
 * packaged by Helm one by one when the chart also has remote ones). Remote ones ({@code https://}, {@code http://}
 * and {@code oci://} repositories) are fetched by the renderer's own fetchers ({@link HelmRepositoryCharts},
 * {@link OciCharts}) at the version {@code Chart.lock} pins when there is one (a lock that does not list a
 * dependency or pins a version outside its range is out of sync, as Helm says), else the highest that the
 * dependency's range allows, and copied into {@code charts/}. Vendored subcharts ({@code charts/<name>/} or a
 * {@code .tgz}) need nothing: Helm reads them as they are.
 */
final class ChartDependencies {

    private static final String FILE = "file://";
    private static final String LOCK_FILE = "Chart.lock";

    private ChartDependencies() {
    }

    /**
     * The folders (relative to the repository root) of the chart's {@code file://} dependencies not vendored
     * in its {@code charts/}.
     *
     * @param field where the chart was named, for messages
     */
    static List<String> unvendored(CommitSnapshot snapshot, String folder, Map<?, ?> metadata, String field)
            throws ChartNotFoundException {
        if (!(metadata.get("dependencies") instanceof List<?> dependencies)) {
            return List.of();
        }
        List<String> folders = new ArrayList<>();
        for (Object dependency : dependencies) {
            if (!(dependency instanceof Map<?, ?> fields) || !(fields.get("repository") instanceof String repository)
                    || !repository.startsWith(FILE) || !(fields.get("name") instanceof String name)
                    || vendored(snapshot, folder, name)) {
                continue;
            }
            String relative = repository.substring(FILE.length());
            String path = folder.isEmpty() ? relative : folder + "/" + relative;
            String dependencyFolder = new ChartLocation(path, field).folder().orElseThrow(() ->
                    new ChartNotFoundException(field + ": dependency '" + name + "' of chart " + folder + " ("
                            + repository + ") points outside the repository"));
            if (!snapshot.isFile(dependencyFolder.isEmpty() ? "Chart.yaml" : dependencyFolder + "/Chart.yaml")) {
                throw new ChartNotFoundException(field + ": dependency '" + name + "' of chart " + folder + " ("
                        + repository + ") is not a chart at " + snapshot.shortSha());
            }
            folders.add(dependencyFolder);
        }
        return folders;
    }

    /**
     * The chart's dependencies on remote repositories that its {@code charts/} does not vendor, each at the version
     * to fetch: the one {@code Chart.lock} pins, else the dependency's own (an exact version or a range).
     *
     * @param field where the chart was named, for messages
     */
    static List<RemoteDependency> remote(CommitSnapshot snapshot, String folder, Map<?, ?> metadata, String field)
            throws ChartNotFoundException {
        if (!(metadata.get("dependencies") instanceof List<?> dependencies)) {
            return List.of();
        }
        String chartFile = folder.isEmpty() ? "Chart.yaml" : folder + "/Chart.yaml";
        Map<?, ?> lock = Map.of();
        String lockFile = folder.isEmpty() ? LOCK_FILE : folder + "/" + LOCK_FILE;
        if (snapshot.isFile(lockFile)) {
            lock = ChartCache.metadata(snapshot.readText(lockFile));
        }
        List<RemoteDependency> remote = new ArrayList<>();
        for (Object dependency : dependencies) {
            if (!(dependency instanceof Map<?, ?> fields) || !(fields.get("name") instanceof String name)
                    || !(fields.get("repository") instanceof String repository) || repository.isEmpty()
                    || repository.startsWith(FILE) || vendored(snapshot, folder, name)) {
                continue;
            }
            String what = field + ": " + chartFile + " dependency '" + name + "' (" + repository + ")";
            if (repository.startsWith("@") || repository.startsWith("alias:")) {
                throw new ChartNotFoundException(what + ": names a repository of Helm's repositories.yaml, which"
                        + " Flotilla does not have; give the repository's URL (https://... or oci://...)");
            }
            if (!repository.startsWith("https://") && !repository.startsWith("http://")
                    && !repository.startsWith("oci://")) {
                throw new ChartNotFoundException(what + ": not a repository Flotilla can fetch from (https://,"
                        + " http://, oci:// or file://)");
            }
            String range = fields.get("version") == null ? "" : String.valueOf(fields.get("version"));
            Optional<String> locked = locked(lock, name, repository);
            if (!lock.isEmpty() && (locked.isEmpty()
                    || new VersionRange(range).highest(List.of(locked.get())).isEmpty())) {
                throw new ChartNotFoundException(what + ": " + lockFile + " is out of sync with " + chartFile + " ("
                        + locked.map(version -> "it pins " + version + ", outside '" + range + "'")
                                .orElse("it does not list this dependency")
                        + "); run helm dependency update and commit " + LOCK_FILE);
            }
            remote.add(new RemoteDependency(name, repository, locked.orElse(range), locked.isPresent(), what));
        }
        return remote;
    }

    /** The version {@code Chart.lock} pins for the dependency, if it lists it. */
    private static Optional<String> locked(Map<?, ?> lock, String name, String repository) {
        if (lock.get("dependencies") instanceof List<?> locked) {
            for (Object entry : locked) {
                if (entry instanceof Map<?, ?> fields && name.equals(fields.get("name"))
                        && repository.equals(fields.get("repository")) && fields.get("version") != null) {
                    return Optional.of(String.valueOf(fields.get("version")));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Fetches a remote dependency with the renderer's fetchers, with the credentials of the HelmRepository of the same
     * URL when there is one; an {@code oci://} repository on this machine ({@code localhost}, a loopback address) is
     * spoken to over plain HTTP, as container tools do.
     */
    static ChartFolder fetch(RemoteDependency dependency, HelmRepositoryCharts repositories, OciCharts registries,
            Optional<DependencyLogins.Login> login) throws ChartNotFoundException {
        String username = login.map(DependencyLogins.Login::username).orElse(null);
        String password = login.map(DependencyLogins.Login::password).orElse(null);
        SourceAuth auth = login.map(DependencyLogins.Login::auth).orElse(SourceAuth.NONE);
        if (dependency.repository().startsWith(OciChart.SCHEME)) {
            String reference = dependency.repository().replaceAll("/+$", "") + "/" + dependency.name();
            String host = reference.substring(OciChart.SCHEME.length()).split("/", 2)[0];
            boolean local = host.startsWith("localhost") || host.startsWith("127.") || host.startsWith("[::1]");
            return registries.fetch(new OciChart(reference, dependency.version(), null, dependency.field(), local,
                    username, password, auth));
        }
        return repositories.fetch(new RepositoryChart(dependency.repository(), dependency.name(),
                dependency.version(), dependency.field(), username, password, auth));
    }

    /**
     * Packages each {@code file://} dependency with Helm into the chart's {@code charts/}, as
     * {@code helm dependency build} packages it ({@code .helmignore} honoured), for a chart whose remote dependencies
     * Helm is not to fetch.
     */
    static void packageLocal(Path chart, Path repository, List<String> folders) throws IOException {
        Path charts = Files.createDirectories(chart.resolve("charts"));
        for (String folder : folders) {
            try {
                new Helm(repository.resolve(folder)).packageIt().withDestination(charts).call();
            } catch (IllegalStateException e) {
                throw new IOException("helm package " + folder + ": " + e.getMessage(), e);
            }
        }
        unpackSubcharts(chart);
    }

    /**
     * A dependency on a remote repository.
     *
     * @param version the version Chart.lock pins, else the dependency's version or range
     * @param locked  whether Chart.lock pins the version
     * @param field   the dependency for messages: where the chart was named, its Chart.yaml, its name and repository
     */
    record RemoteDependency(String name, String repository, String version, boolean locked, String field) {
    }

    private static boolean vendored(CommitSnapshot snapshot, String folder, String name) {
        String charts = folder.isEmpty() ? "charts/" : folder + "/charts/";
        if (snapshot.isFile(charts + name + "/Chart.yaml")) {
            return true;
        }
        return snapshot.files().subMap(charts + name + "-", charts + name + "-\uffff").keySet().stream()
                .anyMatch(path -> path.endsWith(".tgz"));
    }

    /**
     * Runs {@code helm dependency build} in a chart written out with its dependencies at their places, then
     * unpacks what Helm packaged into {@code charts/}.
     */
    static void build(Path chart) throws IOException {
        try {
            new Helm(chart).dependency().build().call();
        } catch (IllegalStateException e) {
            throw new IOException("helm dependency build: " + e.getMessage(), e);
        }
        unpackSubcharts(chart);
    }

    /**
     * Unpacks the packaged subcharts ({@code charts/*.tgz}) of a chart written out for Helm, and theirs, so that
     * their hooks and CRDs are read like the chart's own. Helm reads a subchart folder as it reads its archive.
     */
    static void unpackSubcharts(Path chart) throws IOException {
        Path charts = chart.resolve("charts");
        if (!Files.isDirectory(charts)) {
            return;
        }
        List<Path> packaged;
        try (Stream<Path> files = Files.list(charts)) {
            packaged = files.filter(file -> file.getFileName().toString().endsWith(".tgz")).toList();
        }
        for (Path archive : packaged) {
            try {
                ChartArchive.extract(Files.readAllBytes(archive), charts, archive.getFileName().toString());
            } catch (ChartNotFoundException e) {
                throw new IOException(e.getMessage(), e);
            }
            Files.delete(archive);
        }
        try (Stream<Path> folders = Files.list(charts)) {
            for (Path subchart : folders.filter(Files::isDirectory).toList()) {
                unpackSubcharts(subchart);
            }
        }
    }
}
