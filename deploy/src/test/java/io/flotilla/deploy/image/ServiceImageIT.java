package io.flotilla.deploy.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.flotilla.embedded.kafka.KafkaBroker;
import io.flotilla.embedded.net.LocalPorts;
import io.flotilla.launcher.image.ImageCommand;
import io.flotilla.testing.fixtures.TestSecretKeys;
import io.flotilla.testing.registry.DockerRegistry;

/**
 * {@code ./flotilla image build}: a service's image made without a Docker engine, pushed to a real registry (Debian's
 * docker-registry) and read back as a container runtime would, then run from its own files.
 */
class ServiceImageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Where the Java runtime is kept between the tests, as {@code .flotilla} keeps it between builds. */
    @TempDir
    static Path state;
    @TempDir
    static Path images;
    private static DockerRegistry registry;
    /** What {@code image build} printed for registry-secrets' image, pushed and written as a tarball at once. */
    private static String printed;

    @BeforeAll
    static void buildRegistrySecretsImage() {
        assertThat(HOME.resolve("registry-secrets/target/quarkus-app/quarkus-run.jar"))
                .as("the services are packaged before deploy's tests run").exists();
        registry = DockerRegistry.start();
        printed = ImageCommand.run(List.of("build", "--push", registry.host() + "/flotilla", "--insecure",
                "--tar", images.toString(), "--tag", "test", "registry-secrets"), HOME, state);
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void anImagePushedToARegistryRunsTheServiceAsUser1001FromItsPackagedApplication() throws Exception {
        assertThat(printed).startsWith(registry.host() + "/flotilla/registry-secrets:test pushed, sha256:")
                .contains(images.resolve("registry-secrets.tar") + " written, sha256:");
        JsonNode manifest = get("flotilla/registry-secrets/manifests/test", OCI_MANIFEST);
        assertThat(manifest.path("mediaType").asText()).isEqualTo(OCI_MANIFEST);
        assertThat(manifest.path("layers")).hasSize(3);
        JsonNode config = get("flotilla/registry-secrets/blobs/" + manifest.path("config").path("digest").asText(),
                "*/*").path("config");
        assertThat(config.path("User").asText()).isEqualTo("1001:1001");
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/deployments");
        assertThat(JSON.convertValue(config.path("Entrypoint"), List.class))
                .startsWith("/opt/java/bin/java").endsWith("-jar", "/deployments/quarkus-run.jar");
    }

    @Test
    void theRenderersImageCarriesKustomizeAndWhatHelmsLibraryLinksAgainst(@TempDir Path renderer) throws Exception {
        ImageCommand.run(List.of("build", "--tar", renderer.toString(), "renderer"), HOME, state);

        Path root = unpack(renderer.resolve("renderer.tar"), renderer.resolve("root"));
        assertThat(root.resolve("usr/local/bin/kubectl")).isExecutable();
        assertThat(root.resolve("lib64/ld-linux-x86-64.so.2")).exists();
        assertThat(root.resolve("lib/x86_64-linux-gnu/libc.so.6")).exists();
        assertThat(root.resolve("opt/java/bin/java")).isExecutable();
        assertThat(Files.readString(root.resolve("etc/passwd"))).contains("flotilla:x:1001:1001:");
    }

    @Test
    void theImageStartsItsServiceOnAReadOnlyRootWithOnlyTmpWritable() throws Exception {
        Path root = unpack(images.resolve("registry-secrets.tar"), images.resolve("root"));
        Files.createDirectories(root.resolve("proc"));
        List<String[]> mounts = List.of(
                new String[] {"mount", "--bind", root.toString(), root.toString()},
                new String[] {"mount", "-o", "remount,bind,ro", root.toString()},
                new String[] {"mount", "-t", "proc", "proc", root.resolve("proc").toString()},
                new String[] {"mount", "-t", "tmpfs", "tmpfs", root.resolve("tmp").toString()});
        List<Path> mounted = new ArrayList<>();
        try {
            for (String[] mount : mounts) {
                assumeThat(run(mount)).as("this machine lets tests mount (%s)", String.join(" ", mount)).isZero();
                mounted.add(0, Path.of(mount[mount.length - 1]));
            }
            int port = LocalPorts.free();
            Process service = new ProcessBuilder("chroot", "--userspec=1001:1001", root.toString(),
                    "/opt/java/bin/java", "-XX:+UseSerialGC", "-Djava.io.tmpdir=/tmp",
                    "-Dquarkus.http.port=" + port,
                    "-Dkafka.bootstrap.servers=" + KafkaBroker.shared().bootstrapServers(),
                    "-Dflotilla.topic-prefix=image-test.", "-Dflotilla.secrets.keys=" + TestSecretKeys.ENTRY,
                    "-jar", "/deployments/quarkus-run.jar")
                    .redirectErrorStream(true).redirectOutput(images.resolve("service.log").toFile()).start();
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> !service.isAlive() || ready(port));
                assertThat(service.isAlive()).as("the service runs; its log:%n%s",
                        Files.readString(images.resolve("service.log"))).isTrue();
            } finally {
                service.destroy();
                service.waitFor(20, TimeUnit.SECONDS);
            }
        } finally {
            for (Path mountPoint : mounted) {
                run(new String[] {"umount", mountPoint.toString()});
            }
        }
    }

    private static boolean ready(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int run(String[] command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }

    private static JsonNode get(String path, String accept) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://" + registry.host() + "/v2/" + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /v2/%s", path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The image's layers, in order, unpacked into {@code root}: its file system as a runtime would see it. */
    private static Path unpack(Path tarball, Path root) throws IOException {
        Path layout = root.resolveSibling("layout");
        extract(Files.newInputStream(tarball), layout);
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        JsonNode manifest = JSON.readTree(blob(layout, index.path("manifests").get(0).path("digest").asText()).toFile());
        for (JsonNode layer : manifest.path("layers")) {
            extract(new GZIPInputStream(Files.newInputStream(blob(layout, layer.path("digest").asText()))), root);
        }
        return root;
    }

    private static Path blob(Path layout, String digest) {
        return layout.resolve("blobs").resolve("sha256").resolve(digest.substring("sha256:".length()));
    }

    private static void extract(InputStream in, Path into) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = into.resolve(entry.getName()).normalize();
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                if ((entry.getMode() & 0100) != 0) {
                    target.toFile().setExecutable(true, false);
                }
            }
        }
    }
}
