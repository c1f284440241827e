package io.flotilla.imageupdater.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.flotilla.imageupdater.policy.FluxV1Filter;
import io.flotilla.imageupdater.scan.ChosenTag;
import io.flotilla.imageupdater.scan.RepositoryScan;
import io.flotilla.testing.registry.DockerRegistry;

/**
 * The registry client against a real registry (Debian's docker-registry), with images pushed over its push API,
 * and a token-guarded, throttling front before it where a test needs one.
 */
class RegistryClientTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), 4);

    private static DockerRegistry registry;
    private static ImagePusher pusher;

    @BeforeAll
    static void startRegistry() {
        registry = DockerRegistry.start();
        pusher = new ImagePusher(registry.host());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void listsEveryTagAcrossPagesOfTheSizeAsked() {
        for (String tag : List.of("1.0.0", "1.1.0", "1.2.0", "2.0.0", "dev-a1")) {
            pusher.push("team/paged", tag, MONDAY);
        }
        CountingTransport transport = new CountingTransport();
        try (GuardedFront front = GuardedFront.before(registry.host())) {
            RegistryClient client = new RegistryClient(transport, login(front), QUICK, 2);

            List<String> tags = client.tags(new ImageRepository(front.host(), "team/paged", true));

            assertThat(tags).containsExactly("1.0.0", "1.1.0", "1.2.0", "2.0.0", "dev-a1");
            assertThat(transport.sent("GET /v2/team/paged/tags/list")).containsExactly(
                    "GET /v2/team/paged/tags/list?n=2", "GET /v2/team/paged/tags/list?n=2",
                    "GET /v2/team/paged/tags/list?last=1.1.0&n=2", "GET /v2/team/paged/tags/list?last=2.0.0&n=2");
        }
    }

    @Test
    void eachPolicyChoosesInARealRepository() {
        pusher.push("team/podinfo", "0.4.1", MONDAY.plusSeconds(300));
        pusher.push("team/podinfo", "0.4.10", MONDAY.plusSeconds(100));
        pusher.push("team/podinfo", "0.5.0", MONDAY.plusSeconds(200));
        pusher.push("team/podinfo", "dev-w7ujrvbf", MONDAY.plusSeconds(500));
        pusher.push("team/podinfo", "dev-zz000001", MONDAY.plusSeconds(400));
        RepositoryScan scan = RepositoryScan.of(
                new RegistryClient(new CountingTransport(), RegistryCredentials.none(), QUICK, 2),
                repository("team/podinfo"));

        assertThat(scan.choose(FluxV1Filter.parse("glob:dev-*")).map(ChosenTag::tag)).contains("dev-w7ujrvbf");
        assertThat(scan.choose(FluxV1Filter.parse("semver:~0.4")).map(ChosenTag::tag)).contains("0.4.10");
        assertThat(scan.choose(FluxV1Filter.parse("regex:^0\\.4\\.")).map(ChosenTag::tag)).contains("0.4.1");
        assertThat(scan.choose(FluxV1Filter.parse("semver:>=1.0"))).isEmpty();
        ChosenTag chosen = scan.choose(FluxV1Filter.parse("semver:^0.5")).orElseThrow();
        assertThat(chosen.image()).isEqualTo(registry.host() + "/team/podinfo:0.5.0");
        assertThat(chosen.digest()).startsWith("sha256:");
    }

    @Test
    void readsEachConfigBlobOnceHoweverOftenItsTagsAreScanned() {
        pusher.push("team/cached", "dev-1", MONDAY.plusSeconds(1));
        pusher.push("team/cached", "dev-2", MONDAY.plusSeconds(2));
        pusher.push("team/cached", "dev-2-again", MONDAY.plusSeconds(2));
        CountingTransport transport = new CountingTransport();
        RegistryClient client = new RegistryClient(transport, RegistryCredentials.none(), QUICK, 0);

        for (int i = 0; i < 3; i++) {
            assertThat(RepositoryScan.choose(client, repository("team/cached"), FluxV1Filter.parse("glob:dev-*"))
                    .map(ChosenTag::tag)).contains("dev-2-again");
        }

        List<String> blobs = transport.sent("/blobs/");
        assertThat(blobs).hasSize(2).doesNotHaveDuplicates();
        assertThat(transport.sent("GET /v2/team/cached/manifests/")).hasSize(2);
    }

    @Test
    void readsAnOciIndexThroughItsFirstPlatformImage() {
        String index = pusher.pushIndex("team/multi", "1.0.0", MONDAY, MONDAY.plusSeconds(3600));
        RegistryClient client = new RegistryClient(new CountingTransport(), RegistryCredentials.none(), QUICK, 0);

        ImageInfo image = client.image(repository("team/multi"), "1.0.0");

        assertThat(image).isEqualTo(new ImageInfo(index, MONDAY.plusSeconds(3600)));
    }

    @Test
    void anUnknownRepositoryIsNamedInTheError() {
        RegistryClient client = new RegistryClient(new CountingTransport(), RegistryCredentials.none(), QUICK, 0);

        assertThatThrownBy(() -> client.tags(repository("team/nope")))
                .isInstanceOf(RepositoryNotFoundException.class)
                .hasMessageStartingWith(registry.host() + "/team/nope: the registry has no repository 'team/nope'")
                .hasMessageContaining("NAME_UNKNOWN");
    }

    @Test
    void getsATokenWithTheLoginGivenWhenTheRegistryAsksForOne() {
        pusher.push("team/private", "1.0.0", MONDAY);
        pusher.push("team/private", "1.1.0", MONDAY);
        try (GuardedFront front = GuardedFront.before(registry.host())) {
            ImageRepository guarded = new ImageRepository(front.host(), "team/private", true);
            RegistryClient client = new RegistryClient(RegistryTransport.over(HttpClient.newHttpClient()),
                    login(front), QUICK, 1);

            assertThat(client.tags(guarded)).containsExactlyInAnyOrder("1.0.0", "1.1.0");
            assertThat(client.createdAt(guarded, "1.1.0")).isEqualTo(MONDAY);
            assertThat(front.tokensIssued()).isEqualTo(1);
        }
    }

    @Test
    void aWrongLoginOrNoneIsRefusedNamingTheRegistry() {
        pusher.push("team/locked", "1.0.0", MONDAY);
        try (GuardedFront front = GuardedFront.before(registry.host())) {
            ImageRepository guarded = new ImageRepository(front.host(), "team/locked", true);
            RegistryClient wrong = new RegistryClient(RegistryTransport.over(HttpClient.newHttpClient()),
                    RegistryCredentials.of(Map.of(front.host(), new RegistryCredentials.Login("ci", "wrong"))), QUICK, 0);
            RegistryClient anonymous = new RegistryClient(RegistryTransport.over(HttpClient.newHttpClient()),
                    RegistryCredentials.none(), QUICK, 0);

            assertThatThrownBy(() -> wrong.tags(guarded)).isInstanceOf(RegistryAuthenticationException.class)
                    .hasMessage(front.host() + "/team/locked: the token service http://" + front.host()
                            + "/token refuses the login given (401)");
            assertThatThrownBy(() -> anonymous.tags(guarded)).isInstanceOf(RegistryAuthenticationException.class)
                    .hasMessage(front.host() + "/team/locked: the token service http://" + front.host()
                            + "/token refuses anonymous access (401)");
        }
    }

    @Test
    void asksAgainAfterA429UntilTheBackoffIsSpent() {
        pusher.push("team/busy", "1.0.0", MONDAY);
        try (GuardedFront front = GuardedFront.before(registry.host())) {
            ImageRepository guarded = new ImageRepository(front.host(), "team/busy", true);
            RegistryClient client = new RegistryClient(RegistryTransport.over(HttpClient.newHttpClient()),
                    login(front), QUICK, 0);

            front.throttle(3);
            assertThat(client.tags(guarded)).containsExactly("1.0.0");
            front.throttle(4);
            assertThatThrownBy(() -> client.tags(guarded)).isInstanceOf(RegistryUnavailableException.class)
                    .hasMessage(front.host() + "/team/busy: the registry still answers 429 (too many requests)"
                            + " after 4 attempts");
        }
    }

    private static RegistryCredentials login(GuardedFront front) {
        return RegistryCredentials.of(Map.of(front.host(),
                new RegistryCredentials.Login(GuardedFront.USERNAME, GuardedFront.PASSWORD)));
    }

    private static ImageRepository repository(String name) {
        return new ImageRepository(registry.host(), name, true);
    }
}
