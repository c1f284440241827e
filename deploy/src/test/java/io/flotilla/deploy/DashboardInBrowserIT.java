package io.flotilla.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flotilla.launcher.stack.StackState;
import io.flotilla.testing.fixtures.HelmReleaseYaml;
import io.flotilla.testing.git.GitRepo;

/**
 * The dashboard in a real browser: headless Chromium (Debian's {@code chromium}, driven through its
 * {@code chromedriver}) opens the observer of a whole running stack, started as {@code ./flotilla up} starts it (the
 * {@link SharedStack}), sees a release become Ready on both clusters, then sees the drift a change made behind
 * Flotilla's back causes, without reloading the page, and an open release page follow a Pod come and go; and the
 * overview, a release page and a cluster page show what a user looks for, with no serious accessibility violation by axe-core run in the same browser (screenshots at
 * 1600x1000 in {@code target/screenshots}).
 */
@OnSharedStack
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardInBrowserIT {

    private static final Pattern DRIFTED = Pattern.compile("(\\d+) drifted");
    private static final Duration ARRIVAL = Duration.ofSeconds(120);
    /** Reads of an element replaced meanwhile, tried so many times before the test gives up. */
    private static final int STALE_READS = 5;
    private static final String CHROMIUM = System.getProperty("flotilla.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("flotilla.chromedriver", "/usr/bin/chromedriver");
    private static final String AXE_SCRIPT = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static final String AXE = axe();

    private static GitRepo repo;
    private static StackState stack;
    private static KubernetesClient dev;
    private static WebDriver browser;

    @BeforeAll
    static void watchFleetAndStartBrowser(SharedStack shared) throws IOException {
        Path work = shared.folder(DashboardInBrowserIT.class);
        repo = EndToEndFleet.repository(work);
        repo.write("apps/web.yaml", HelmReleaseYaml.fluxV2("apps", "web", "charts/hello", """
                driftDetection:
                  mode: warn
                """ + HelmReleaseYaml.imageTag("6.5.0")));
        EndToEndFleet.commit(repo, "web on every cluster, drift reported");
        shared.watch("dashboard", repo.dir().toString());
        stack = shared.state();
        Config devConfig = Config.fromKubeconfig("dev", Files.readString(stack.kubeconfig()), stack.kubeconfig().toString());
        // Writes under the field manager a person using kubectl edit has, so the drift names it.
        dev = new KubernetesClientBuilder().withConfig(new ConfigBuilder(devConfig).withUserAgent("kubectl-edit/v1.31.0")
                .build()).build();

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + work.resolve("chromium"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        ChromeDriver chromium = new ChromeDriver(driver, options);
        // The page itself 1600 x 1000, as a laptop or a wall screen shows it.
        chromium.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1600, "height", 1000,
                "deviceScaleFactor", 1, "mobile", false));
        chromium.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        browser = chromium;
        logIn();
    }

    /** As a person does on the stack: the dashboard sends them to its login form, which takes the admin token. */
    private static void logIn() {
        browser.get(stack.observerUrl() + "/");
        assertThat(browser.getCurrentUrl()).contains("/login");
        browser.findElement(By.id("token")).sendKeys(stack.apiToken());
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.getCurrentUrl().contains("/login"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (dev != null) {
            dev.close();
        }
        if (repo != null) {
            repo.close();
        }
    }

    @Test
    @Order(2)
    void theMatrixShowsTheReleaseThenADriftAppearsWithoutAReload() {
        browser.get(stack.observerUrl() + "/");
        ((JavascriptExecutor) browser).executeScript("window.loadedOnce = true");

        await().atMost(ARRIVAL).untilAsserted(() -> {
            assertThat(text("clusters")).contains("dev", "prod");
            assertThat(cells("apps/web")).containsExactly("Ready", "Ready");
        });
        assertThat(text("drift")).doesNotContain("apps/web");
        // Other classes on the shared stack may have drifted releases of their own on dev.
        int driftedBefore = driftedOnDev();

        dev.apps().deployments().inNamespace("apps").withName("web-hello").edit(deployment ->
                new DeploymentBuilder(deployment).editSpec().editTemplate().editSpec().editFirstContainer()
                        .withImage("ghcr.io/stefanprodan/podinfo:evil").endContainer().endSpec().endTemplate()
                        .endSpec().build());

        await().atMost(ARRIVAL).untilAsserted(() -> {
            assertThat(text("drift")).contains("dev/apps/web", "Deployment apps/web-hello",
                    "/spec/template/spec/containers/0/image", "kubectl-edit");
            assertThat(fresh(() -> browser.findElement(By.xpath("//table[@id='matrix']//tr[th='apps/web']/td[1]"))
                    .getAttribute("class"))).contains("drifted");
        });
        assertThat(driftedOnDev()).isEqualTo(driftedBefore + 1);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.loadedOnce === true"))
                .as("the page followed the change without a reload").isEqualTo(true);
    }

    /**
     * What the cluster's controllers do to a release's Deployment (a ReplicaSet made, a Pod started, the Pod gone),
     * made here with fabric8 as a simulated cluster runs no controllers, shows on the open release page without a
     * reload: the page follows its own stream, not the fleet's events.
     */
    @Test
    @Order(3)
    void anOpenReleasePageFollowsItsObjectsOnTheClusterWithoutAReload() {
        browser.get(stack.observerUrl() + "/releases/dev/apps/web");
        await().atMost(ARRIVAL).ignoreExceptions().untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(text("live-objects")).contains("web-hello");
        });
        ((JavascriptExecutor) browser).executeScript("window.loadedOnce = true");
        Deployment deployment = dev.apps().deployments().inNamespace("apps").withName("web-hello").get();

        ReplicaSet replicaSet = dev.apps().replicaSets().inNamespace("apps").resource(new ReplicaSetBuilder()
                .withMetadata(ownedBy("web-hello-7c9d", deployment)).withNewSpec().withReplicas(1)
                .withSelector(deployment.getSpec().getSelector()).withTemplate(deployment.getSpec().getTemplate())
                .endSpec().build()).create();
        Pod pod = dev.pods().inNamespace("apps").resource(new PodBuilder()
                .withMetadata(ownedBy("web-hello-7c9d-x2k4q", replicaSet))
                .withSpec(deployment.getSpec().getTemplate().getSpec()).build()).create();

        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(text("live-objects"))
                .contains("ReplicaSet apps/web-hello-7c9d", "Pod apps/web-hello-7c9d-x2k4q"));

        dev.pods().inNamespace("apps").resource(pod).delete();

        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(text("live-objects"))
                .contains("ReplicaSet apps/web-hello-7c9d").doesNotContain("web-hello-7c9d-x2k4q"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.loadedOnce === true"))
                .as("the page followed the changes without a reload").isEqualTo(true);
        dev.apps().replicaSets().inNamespace("apps").resource(replicaSet).delete();
    }

    private static ObjectMeta ownedBy(String name, HasMetadata owner) {
        return new ObjectMetaBuilder().withName(name).withLabels(owner.getMetadata().getLabels())
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion())
                        .withKind(owner.getKind()).withName(owner.getMetadata().getName())
                        .withUid(owner.getMetadata().getUid()).withController(true).build()).build();
    }

    /** First: the drift the other test makes would change what these pages show. */
    @Test
    @Order(1)
    void theOverviewAReleaseAndAClusterShowWhatAUserLooksForWithNoSeriousAccessibilityViolation() throws IOException {
        browser.get(stack.observerUrl() + "/");
        await().atMost(ARRIVAL).untilAsserted(() -> assertThat(cells("apps/web")).containsExactly("Ready", "Ready"));
        assertThat(plotNamed("Releases Ready on dev")).as("the dev card's plot").isTrue();
        assertThat(browser.findElements(By.cssSelector("#commit-hops svg[role=img], #drift-per-day svg[role=img]")))
                .as("the overview's plots over time").hasSize(2);
        Map<String, List<String>> violations = new LinkedHashMap<>();
        violations.put("overview", seriousViolations("overview"));

        browser.get(stack.observerUrl() + "/releases/dev/apps/web");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("On the cluster", "Deployment",
                "web-hello", "Ready");
        violations.put("release page", seriousViolations("release"));

        browser.get(stack.observerUrl() + "/clusters/dev");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Nodes", "web");
        assertThat(plotNamed("Releases Ready")).as("the cluster's plot over time").isTrue();
        violations.put("cluster page", seriousViolations("cluster"));

        assertThat(violations).as("serious or critical axe-core violations, by page")
                .allSatisfy((page, found) -> assertThat(found).as(page).isEmpty());
    }

    /** Whether the page has a plot whose accessible name starts with {@code name}. */
    private static boolean plotNamed(String name) {
        return fresh(() -> browser.findElements(By.cssSelector("svg[role=img]")).stream()
                .map(plot -> plot.getAccessibleName()).anyMatch(accessible -> accessible.startsWith(name)));
    }

    /**
     * axe-core run in the page as it is now: the violations of serious or critical impact, each with the elements it
     * found; a screenshot of the page is kept in {@code target/screenshots/<page>.png}.
     */
    @SuppressWarnings("unchecked")
    private static List<String> seriousViolations(String page) throws IOException {
        Path screenshot = Path.of("target", "screenshots", page + ".png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        JavascriptExecutor script = (JavascriptExecutor) browser;
        script.executeScript(AXE);
        return (List<String>) script.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                  .then(result => done(result.violations
                    .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
                    .map(violation => violation.id + ': ' + violation.help + ' at '
                      + violation.nodes.map(node => node.target.join(' ')).join(', '))))
                  .catch(error => done(['axe-core failed: ' + error]));
                """);
    }

    private static String axe() {
        try (InputStream in = DashboardInBrowserIT.class.getResourceAsStream(AXE_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(AXE_SCRIPT + " is not on the test class path (org.webjars.npm:axe-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String id) {
        return fresh(() -> browser.findElement(By.id(id)).getText());
    }

    /** How many releases the dev cluster's card says drifted: none when it says nothing of drift. */
    private static int driftedOnDev() {
        Matcher drifted = DRIFTED.matcher(fresh(() -> browser.findElement(By.cssSelector("[data-cluster='dev']"))
                .getText()));
        return drifted.find() ? Integer.parseInt(drifted.group(1)) : 0;
    }

    /** The statuses in the release's row of the matrix, a cell per cluster in the order of the columns. */
    private static List<String> cells(String release) {
        return fresh(() -> browser.findElements(By.xpath("//table[@id='matrix']//tr[th='" + release + "']/td"))
                .stream().map(cell -> cell.getText().strip().split("\\s+")[0]).toList());
    }

    /**
     * What {@code read} finds on the page. The page swaps in fresh parts as events arrive, so an element found may be
     * replaced before it is read; then it is found again, in the new part.
     */
    private static <T> T fresh(Supplier<T> read) {
        for (int attempt = 1;; attempt++) {
            try {
                return read.get();
            } catch (StaleElementReferenceException replaced) {
                if (attempt == STALE_READS) {
                    throw replaced;
                }
            }
        }
    }
}
