package io.flotilla.renderer.render;

import static io.flotilla.renderer.HelmReleaseFiles.fluxV1FromGit;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV1;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.fluxV2FromHelmRepository;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.helmRepository;
import static io.flotilla.testing.fixtures.HelmReleaseYaml.imageTag;
import static org.assertj.core.api.Assertions.assertThat;

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

    private static String error(List<ReleaseRendered> rendered, String name) {
        return rendered.stream().filter(release -> release.release().name().endsWith(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no rendering of " + name + " in " + rendered)).error();
    }
}
