package io.flotilla.applier.kafka;

import static io.flotilla.applier.Manifests.configMap;
import static io.flotilla.testing.security.TestTokens.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.flotilla.applier.Renders;
import io.flotilla.events.Envelope;
import io.flotilla.events.Outcome;
import io.flotilla.events.ReleaseApplied;
import io.flotilla.events.ReleaseKey;
import io.flotilla.events.ReleaseRendered;
import io.flotilla.events.Rollout;
import io.flotilla.events.RolloutHeld;
import io.flotilla.testing.quarkus.KafkaTestResource;
import io.flotilla.testing.quarkus.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A release rolled out in three waves, {@code dev}, then {@code stg}, then {@code prod}, as the renderer publishes
 * it when the targeting file orders its clusters so: each rendering says its wave and the commit order rendered on
 * the wave before, and the applier holds it at its gate until that wave is Ready there.
 */
@QuarkusTest
@TestProfile(FleetProfile.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(ThreeClustersTestResource.class)
class RolloutWavesTest {

    private static Topics topics;

    @BeforeAll
    static void connect() {
        topics = Topics.ofService();
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    @Test
    void aFailureOnStgHaltsProdUntilTheRolloutIsResumed() {
        ReleaseKey prod = new ReleaseKey("prod", "halting", "shop");

        Envelope<RolloutHeld> halted = failingOnStg(prod, 5);

        assertThat(halted.payload().blockingCluster()).isEqualTo("stg");
        assertThat(halted.payload().reason()).startsWith("halting/shop is Failed on stg at commit order 5");
        assertThat(halted.payload().waveName()).isEqualTo("prod");
        asAdmin().get("/api/rollouts").then().statusCode(200)
                .body("findAll { it.cluster == 'prod' && it.release == 'halting/shop' }.halted", contains(true))
                .body("findAll { it.cluster == 'prod' && it.release == 'halting/shop' }.blockingCluster",
                        contains("stg"));
        assertThat(topics.applied(prod)).as("nothing applied while halted").isEmpty();

        asAdmin().contentType("application/json").body("{}").post("/api/rollouts/resume").then().statusCode(200)
                .body("resumed", hasItem("prod/halting/shop"));

        Envelope<ReleaseApplied> ready = topics.awaitOutcome(prod, Outcome.Ready);
        assertThat(ready.payload().inputDigest()).isEqualTo("shop-5");
        assertThat(ready.time()).isAfter(halted.time());
        asAdmin().get("/api/rollouts").then().statusCode(200)
                .body("findAll { it.cluster == 'prod' && it.release == 'halting/shop' }", empty());
    }

    @Test
    void aFixOnStgOpensTheGateOfTheRenderingHeldOnProdByItself() {
        ReleaseKey stg = new ReleaseKey("stg", "fixing", "cart");
        ReleaseKey prod = new ReleaseKey("prod", "fixing", "cart");
        Envelope<RolloutHeld> halted = failingOnStg(prod, 7);

        // The fix changes stg alone: dev keeps its rendering of commit 7, prod its held one.
        topics.publish(inWave(good(stg, 8), 1, "stg", 0, Map.of("dev", 7L)));

        Envelope<ReleaseApplied> stgReady = topics.awaitOutcome(stg, Outcome.Ready);
        Envelope<ReleaseApplied> prodReady = topics.awaitOutcome(prod, Outcome.Ready);
        assertThat(prodReady.payload().inputDigest()).isEqualTo("cart-7");
        assertThat(prodReady.time()).isAfter(stgReady.time()).isAfter(halted.time());
    }

    @Test
    void theNextWaveWaitsForTheSoakTimeAfterTheWaveBeforeIsReady() {
        ReleaseKey dev = new ReleaseKey("dev", "soaking", "api");
        ReleaseKey stg = new ReleaseKey("stg", "soaking", "api");
        topics.publish(inWave(good(dev, 3), 0, "dev", 3, Map.of()));
        Envelope<ReleaseApplied> devReady = topics.awaitOutcome(dev, Outcome.Ready);

        topics.publish(inWave(good(stg, 3), 1, "stg", 3, Map.of("dev", 3L)));

        Envelope<RolloutHeld> soaking = topics.awaitHeld(stg, false);
        Envelope<ReleaseApplied> stgReady = topics.awaitOutcome(stg, Outcome.Ready);
        assertThat(soaking.payload().blockingCluster()).isEqualTo("dev");
        assertThat(soaking.payload().reason()).startsWith("soaking/api is Ready on dev since ")
                .endsWith("; soaking 3s before the next wave");
        assertThat(soaking.time()).isAfter(devReady.time());
        assertThat(stgReady.time()).isAfter(soaking.time());
        assertThat(topics.held(stg)).as("one hold, told once").hasSize(1);
    }

    /**
     * Rolls the release out at {@code commitOrder}: Ready on dev, a rendering that failed on stg, and the one of
     * {@code prod} held; the RolloutHeld that says prod is halted.
     */
    private static Envelope<RolloutHeld> failingOnStg(ReleaseKey prod, long commitOrder) {
        ReleaseKey dev = new ReleaseKey("dev", prod.namespace(), prod.name());
        ReleaseKey stg = new ReleaseKey("stg", prod.namespace(), prod.name());
        topics.publish(inWave(good(dev, commitOrder), 0, "dev", 0, Map.of()));
        topics.awaitOutcome(dev, Outcome.Ready);
        topics.publish(inWave(Renders.failed(stg, prod.name() + "-" + commitOrder,
                prod.namespace() + "/" + prod.name() + ".yaml: values.yaml line 3: bad indentation").toBuilder()
                .commitOrder(commitOrder).build(), 1, "stg", 0, Map.of("dev", commitOrder)));
        topics.publish(inWave(good(prod, commitOrder), 2, "prod", 0, Map.of("stg", commitOrder)));
        return topics.awaitHeld(prod, true);
    }

    private static ReleaseRendered good(ReleaseKey release, long commitOrder) {
        return Renders.chart(release, release.name() + "-" + commitOrder,
                List.of(configMap(release.name(), null, Map.of("commit", String.valueOf(commitOrder)))))
                .toBuilder().commitOrder(commitOrder).build();
    }

    private static ReleaseRendered inWave(ReleaseRendered rendered, int wave, String waveName, long soakSeconds,
            Map<String, Long> previousWave) {
        return rendered.toBuilder().rollout(new Rollout(rendered.release().name(), wave, waveName, soakSeconds,
                previousWave)).build();
    }
}
