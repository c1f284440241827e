package io.flotilla.renderer.render;

import static io.flotilla.renderer.HelmReleaseFiles.fluxV1FromGit;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV1;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2FromHelmRepository;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.helmRepository;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.imageTag;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import io.flotilla.events.ClusterRef;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.git.GitCredentials;
import io.flotilla.git.outbound.OutboundPolicy;
import io.flotilla.renderer.ConfigRepository;
import io.flotilla.renderer.cluster.ClusterCapabilities;
import io.flotilla.renderer.kustomize.Kustomize;

/**
 * A renderer with the service's default outbound policy (https and ssh to public addresses): every place a commit
 * names on Flotilla's own machine or network (a Git repository on its disk, a Helm repository, a registry or a
 * values URL on its loopback, the cloud metadata address) fails its release with the rule, the file and the field,
 * without a request being made; the commit's other releases render.
 */
class OutboundRefusalsTest {

    private static final ClusterRef DEV = new ClusterRef("dev", Map.of("env", "dev"));

    @TempDir
    Path temp;

    private ConfigRepository repo;
    private CommitRenderer renderer;
    private HttpServer local;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        repo = ConfigRepository.in(temp.resolve("fleet")).chart("app", "charts/app");
        renderer = new CommitRenderer(temp.resolve("work"), () -> List.of(DEV),
                CommitRenderer.DEFAULT_MAX_PAYLOAD_BYTES, new ClusterCapabilities(), 0,
                CommitRenderer.DEFAULT_CHART_CACHE_MAX_BYTES, CommitRenderer.DEFAULT_MAX_VALUES_BYTES,
                CommitRenderer.DEFAULT_RENDER_TIMEOUT, Kustomize.find(java.util.Optional.empty()),
                GitCredentials.none(), OutboundPolicy.publicOnly());
        local = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        local.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        local.start();
    }

    @AfterEach
    void tearDown() {
        local.stop(0);
        renderer.close();
        repo.close();
    }

    @Test
    void everyPlaceOnFlotillasOwnMachineOrNetworkFailsItsReleaseNamingTheRuleAndNoRequestIsMade() {
        String loopback = "https://127.0.0.1:" + local.getAddress().getPort();
        repo.write("releases/dev/from-disk.yaml", fluxV1FromGit("file:///etc/flotilla", "main")
                        .replace("name: app", "name: from-disk"))
                .write("flux-system/internal.yaml", helmRepository("internal", loopback + "/charts", ""))
                .write("releases/dev/from-loopback.yaml", fluxV2FromHelmRepository("from-loopback", "internal",
                        "1.0.0", ""))
                .write("flux-system/registry.yaml", helmRepository("registry", "oci://127.0.0.1:5000/charts",
                        "type: oci\n"))
                .write("releases/dev/from-registry.yaml", fluxV2FromHelmRepository("from-registry", "registry",
                        "1.0.0", ""))
                .write("releases/dev/metadata.yaml", fluxV1("apps", "metadata", "charts/app", """
                        valuesFrom:
                          - externalSourceRef:
                              url: http://169.254.169.254/latest/meta-data/iam
                              optional: true
                        """))
                .write("releases/dev/fine.yaml", fluxV1("apps", "fine", "charts/app", imageTag("2.0.0")));

        List<ReleaseRendered> rendered = renderer.render(repo.commit("places near Flotilla"));

        assertThat(error(rendered, "from-disk")).contains("releases/dev/from-disk.yaml")
                .contains("file:///etc/flotilla is refused").contains("flotilla.outbound.schemes=https,ssh");
        assertThat(error(rendered, "from-loopback")).contains("releases/dev/from-loopback.yaml")
                .contains("127.0.0.1 is a loopback address").contains("flotilla.outbound.private-addresses=true");
        assertThat(error(rendered, "from-registry")).contains("oci://127.0.0.1:5000/charts")
                .contains("loopback");
        assertThat(error(rendered, "metadata")).as("optional, yet refused: the rule is not a missing file")
                .contains("valuesFrom[0].externalSourceRef").contains("http is not an allowed scheme");
        assertThat(rendered).filteredOn(release -> release.release().name().endsWith("fine")).singleElement()
                .satisfies(release -> assertThat(release.error()).isNull());
        assertThat(requests).as("requests that reached the loopback server").hasValue(0);
    }

    @Test
    void aHelmRepositoryRedirectingToLoopbackFailsItsReleaseNamingTheRedirect() {
        List<String> paths = new java.util.concurrent.CopyOnWriteArrayList<>();
        String stolen = "http://127.0.0.1:" + local.getAddress().getPort() + "/stolen/index.yaml";
        local.createContext("/charts", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            exchange.getResponseHeaders().add("Location", stolen);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        OutboundPolicy listed = new OutboundPolicy(java.util.Set.of("http", "https"), false,
                List.of("charts.example")).withResolver(host -> new InetAddress[] {InetAddress.getLoopbackAddress()});
        String repository = "http://charts.example:" + local.getAddress().getPort() + "/charts";
        repo.write("flux-system/public.yaml", helmRepository("public", repository, ""))
                .write("releases/dev/redirected.yaml", fluxV2FromHelmRepository("redirected", "public", "1.0.0", ""));

        List<ReleaseRendered> rendered = renderer(listed).render(repo.commit("a repository that redirects"));

        assertThat(error(rendered, "redirected")).contains("releases/dev/redirected.yaml")
                .contains("the Helm repository " + repository + "/index.yaml redirects to " + stolen + " is refused")
                .contains("127.0.0.1 is a loopback address");
        assertThat(paths).containsExactly("/charts/index.yaml");
        assertThat(requests).as("requests that reached the loopback target of the redirect").hasValue(0);
    }

    @Test
    void aHelmRepositoryWhoseNameRebindsToLoopbackAfterTheCheckIsNeverReached() {
        AtomicInteger lookups = new AtomicInteger();
        OutboundPolicy rebinding = new OutboundPolicy(java.util.Set.of("http", "https"), false, List.of())
                .withResolver(host -> new InetAddress[] {lookups.getAndIncrement() == 0
                        ? InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, 7})
                        : InetAddress.getLoopbackAddress()});
        String repository = "http://charts.example:" + local.getAddress().getPort() + "/charts";
        repo.write("flux-system/public.yaml", helmRepository("public", repository, ""))
                .write("releases/dev/rebound.yaml", fluxV2FromHelmRepository("rebound", "public", "1.0.0", ""));

        List<ReleaseRendered> rendered = renderer(rebinding).render(repo.commit("a name that rebinds"));

        assertThat(error(rendered, "rebound")).contains("releases/dev/rebound.yaml")
                .contains("the connection to charts.example:" + local.getAddress().getPort() + " is refused")
                .contains("charts.example (127.0.0.1) is a loopback address");
        assertThat(requests).as("requests that reached the loopback server").hasValue(0);
    }

    private CommitRenderer renderer(OutboundPolicy outbound) {
        renderer.close();
        renderer = new CommitRenderer(temp.resolve("work-" + outbound.hashCode()), () -> List.of(DEV),
                CommitRenderer.DEFAULT_MAX_PAYLOAD_BYTES, new ClusterCapabilities(), 0,
                CommitRenderer.DEFAULT_CHART_CACHE_MAX_BYTES, CommitRenderer.DEFAULT_MAX_VALUES_BYTES,
                CommitRenderer.DEFAULT_RENDER_TIMEOUT, Kustomize.find(java.util.Optional.empty()),
                GitCredentials.none(), outbound);
        return renderer;
    }

    private static String error(List<ReleaseRendered> rendered, String name) {
        return rendered.stream().filter(release -> release.release().name().endsWith(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no rendering of " + name + " in " + rendered)).error();
    }
}
