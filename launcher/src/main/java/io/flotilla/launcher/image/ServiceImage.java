package io.flotilla.launcher.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;

import io.flotilla.launcher.stack.Service;
import io.flotilla.launcher.stack.StackException;

/**
 * One service's image, from scratch, in four layers that change at different paces: the Java runtime with the C
 * libraries it and Helm's native library need (and a user 1001, the only one it runs as); kustomize, for the renderer;
 * the application's dependencies; the application. Runs as user 1001 from {@value #APP}, writing nothing but
 * {@code /tmp} and its work folder, so that a read-only root file system suits it.
 */
public final class ServiceImage {

    static final String APP = "/deployments";
    static final String JAVA = "/opt/java";
    static final String USER = "1001:1001";
    /** Where the renderer finds kustomize: {@code kubectl kustomize}, as on this machine. */
    static final String KUBECTL = "/usr/local/bin/kubectl";
    /** The jar of helm-java that holds Helm's native library for Linux on x86-64, as Quarkus names it in lib/main. */
    private static final String HELM_NATIVE_JAR = "com.marcnuri.helm-java.linux-amd64";
    /**
     * The runtime's libraries for windows, sound and fonts, which a service (headless) never loads: what they link
     * against (X11, ALSA, FreeType...) is left out of the image.
     */
    private static final Pattern DESKTOP = Pattern.compile(
            "lib(awt_xawt|splashscreen|jsound|fontmanager|lcms|javajpeg|jawt|mlib_image|awt_headless|awt)\\.so");
    private static final List<String> ENTRYPOINT = List.of(JAVA + "/bin/java", "-XX:+UseSerialGC",
            "-XX:MaxRAMPercentage=75", "-Djava.io.tmpdir=/tmp", "-jar", APP + "/quarkus-run.jar");

    private final Path home;
    private final Path runtime;
    private final Path work;

    /**
     * @param home    the Flotilla checkout, with each service packaged in {@code <service>/target/quarkus-app}
     * @param runtime the Java runtime to put in ({@link JavaRuntime})
     * @param work    a folder for the files made here and Jib's layer cache
     */
    public ServiceImage(Path home, Path runtime, Path work) {
        this.home = home;
        this.runtime = runtime;
        this.work = work;
    }

    /** Where an image goes: a registry, or an OCI tarball. */
    public sealed interface Target {
        /** {@code reference}: {@code host[:port]/path:tag}; {@code insecure} allows plain HTTP. */
        record Registry(String reference, boolean insecure) implements Target {
        }

        /** An OCI image layout in one tar file, named {@code reference} inside. */
        record Tarball(Path file, String reference) implements Target {
        }
    }

    /** Builds {@code service}'s image and sends it to {@code target}; returns the image's digest. */
    public String build(Service service, Target target) {
        Path application = home.resolve(service.module()).resolve("target").resolve("quarkus-app");
        if (!Files.isRegularFile(application.resolve("quarkus-run.jar"))) {
            throw new StackException(service.module() + " is not packaged (no " + application.resolve("quarkus-run.jar")
                    + "): run ./mvnw -B package -DskipTests first");
        }
        try {
            JibContainerBuilder image = Jib.fromScratch()
                    .setFormat(ImageFormat.OCI)
                    .addFileEntriesLayer(runtimeLayer(application))
                    .setEntrypoint(ENTRYPOINT)
                    .setUser(USER)
                    .setWorkingDirectory(AbsoluteUnixPath.get(APP))
                    .setEnvironment(Map.of("JAVA_HOME", JAVA, "PATH", JAVA + "/bin:/usr/local/bin:/usr/bin:/bin",
                            "LANG", "C.UTF-8"))
                    .setExposedPorts(Set.of(Port.tcp(8080)))
                    .addLabel("org.opencontainers.image.title", "flotilla-" + service.module())
                    .addLabel("org.opencontainers.image.description", "Flotilla's " + service.module());
            if (service == Service.RENDERER) {
                image.addFileEntriesLayer(kustomizeLayer());
            }
            image.addFileEntriesLayer(layer("dependencies", application.resolve("lib"), APP + "/lib"));
            FileEntriesLayer.Builder app = FileEntriesLayer.builder().setName("application");
            for (String part : List.of("app", "quarkus")) {
                app.addEntryRecursive(application.resolve(part), AbsoluteUnixPath.get(APP + "/" + part),
                        ServiceImage::sourcePermissions);
            }
            try (Stream<Path> jars = Files.list(application)) {
                for (Path jar : jars.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
                    app.addEntry(jar, AbsoluteUnixPath.get(APP + "/" + jar.getFileName()));
                }
            }
            image.addFileEntriesLayer(app.build());
            JibContainer built = image.containerize(containerizer(target));
            return built.getDigest().toString();
        } catch (IOException | CacheDirectoryCreationException | InvalidImageReferenceException e) {
            throw new StackException("cannot build " + service.module() + "'s image: " + e.getMessage(), e);
        } catch (RegistryException e) {
            throw new StackException("the registry refused " + service.module() + "'s image: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new StackException("cannot build " + service.module() + "'s image: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while " + service.module() + "'s image was built", e);
        }
    }

    private Containerizer containerizer(Target target) throws InvalidImageReferenceException {
        Containerizer containerizer;
        if (target instanceof Target.Registry registry) {
            ImageReference reference = ImageReference.parse(registry.reference());
            containerizer = Containerizer.to(RegistryImage.named(reference).addCredentialRetriever(
                    CredentialRetrieverFactory.forImage(reference, event -> { }).dockerConfig()))
                    .setAllowInsecureRegistries(registry.insecure());
        } else {
            Target.Tarball tarball = (Target.Tarball) target;
            containerizer = Containerizer.to(TarImage.at(tarball.file()).named(tarball.reference()));
        }
        return containerizer.setToolName("flotilla").setApplicationLayersCache(work.resolve("layers"))
                .setBaseImageLayersCache(work.resolve("base-layers"));
    }

    private FileEntriesLayer runtimeLayer(Path application) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("java-runtime");
        layer.addEntryRecursive(runtime, AbsoluteUnixPath.get(JAVA), ServiceImage::sourcePermissions);
        List<Path> programs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(runtime)) {
            files.filter(file -> Files.isRegularFile(file) && !DESKTOP.matcher(file.getFileName().toString()).matches())
                    .forEach(programs::add);
        }
        helmLibrary(application).ifPresent(programs::add);
        NativeLibraries.of(programs, runtime.toRealPath()).forEach((inImage, file) -> layer.addEntry(file,
                AbsoluteUnixPath.get(inImage), FilePermissions.fromOctalString("755")));
        Path etc = Files.createDirectories(work.resolve("etc"));
        layer.addEntry(write(etc.resolve("passwd"), "root:x:0:0:root:/root:/sbin/nologin\n"
                + "flotilla:x:1001:1001:Flotilla:" + APP + ":/sbin/nologin\n"), AbsoluteUnixPath.get("/etc/passwd"));
        layer.addEntry(write(etc.resolve("group"), "root:x:0:\nflotilla:x:1001:\n"), AbsoluteUnixPath.get("/etc/group"));
        layer.addEntry(write(etc.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n"),
                AbsoluteUnixPath.get("/etc/nsswitch.conf"));
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        layer.addEntry(tmp, AbsoluteUnixPath.get("/tmp"), FilePermissions.fromOctalString("777"));
        return layer.build();
    }

    /**
     * Helm's native library, which helm-java unpacks at run time, when the application has it (the renderer): what
     * it links against must be in the image.
     */
    private Optional<Path> helmLibrary(Path application) throws IOException {
        Path libraries = application.resolve("lib").resolve("main");
        Optional<Path> jar;
        try (Stream<Path> jars = Files.list(libraries)) {
            jar = jars.filter(file -> file.getFileName().toString().startsWith(HELM_NATIVE_JAR)).findFirst();
        }
        if (jar.isEmpty()) {
            return Optional.empty();
        }
        Path unpacked = Files.createDirectories(work.resolve("helm"));
        try (ZipFile zip = new ZipFile(jar.get().toFile())) {
            Optional<? extends ZipEntry> library = zip.stream().filter(entry -> entry.getName().endsWith(".so"))
                    .findFirst();
            if (library.isEmpty()) {
                return Optional.empty();
            }
            Path target = unpacked.resolve(Path.of(library.get().getName()).getFileName());
            try (InputStream in = zip.getInputStream(library.get())) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return Optional.of(target);
        }
    }

    private static FileEntriesLayer kustomizeLayer() {
        Path kubectl = onPath("kubectl").orElseThrow(() -> new StackException("kubectl is not on the PATH: the"
                + " renderer's image carries it for kustomize (kubectl kustomize); install kubectl first"));
        return FileEntriesLayer.builder().setName("kustomize")
                .addEntry(kubectl, AbsoluteUnixPath.get(KUBECTL), FilePermissions.fromOctalString("755")).build();
    }

    private static FileEntriesLayer layer(String name, Path folder, String inImage) throws IOException {
        return FileEntriesLayer.builder().setName(name)
                .addEntryRecursive(folder, AbsoluteUnixPath.get(inImage), ServiceImage::sourcePermissions).build();
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry, program)).filter(Files::isExecutable).findFirst()
                .map(path -> {
                    try {
                        return path.toRealPath();
                    } catch (IOException e) {
                        return path;
                    }
                });
    }

    /** Files keep whether they can be executed; the rest is readable by all and writable by none but the owner. */
    private static FilePermissions sourcePermissions(Path source, AbsoluteUnixPath inImage) {
        if (Files.isDirectory(source)) {
            return FilePermissions.DEFAULT_FOLDER_PERMISSIONS;
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(source);
            return permissions.contains(PosixFilePermission.OWNER_EXECUTE) ? FilePermissions.fromOctalString("755")
                    : FilePermissions.DEFAULT_FILE_PERMISSIONS;
        } catch (IOException e) {
            return FilePermissions.DEFAULT_FILE_PERMISSIONS;
        }
    }

    private static Path write(Path file, String content) throws IOException {
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
