package io.flotilla.imageupdater.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Image references, bearer challenges and the 429 backoff, read as registries write them. */
class RegistryPartsTest {

    @Test
    void namesRepositoriesAsImageReferencesDo() {
        assertThat(ImageRepository.parse("ghcr.io/org/app", false)).isEqualTo(new ImageRepository("ghcr.io", "org/app", false));
        assertThat(ImageRepository.parse("127.0.0.1:5000/team/app", true))
                .isEqualTo(new ImageRepository("127.0.0.1:5000", "team/app", true));
        assertThat(ImageRepository.parse("myorg/podinfo", false).toString()).isEqualTo("registry-1.docker.io/myorg/podinfo");
        assertThat(ImageRepository.parse("nginx", false).toString()).isEqualTo("registry-1.docker.io/library/nginx");
        assertThat(ImageRepository.parse("docker.io/bitnami/mongodb", false).toString())
                .isEqualTo("registry-1.docker.io/bitnami/mongodb");
        assertThat(ImageRepository.parse("docker.io/nginx", false).toString()).isEqualTo("registry-1.docker.io/library/nginx");
        assertThat(ImageRepository.parse("127.0.0.1:5000/team/app", true).uri("tags/list"))
                .isEqualTo(URI.create("http://127.0.0.1:5000/v2/team/app/tags/list"));
        assertThatThrownBy(() -> ImageRepository.parse("ghcr.io/org/app:1.0", false))
                .hasMessage("image repository 'ghcr.io/org/app:1.0' names a tag or digest: give the repository alone,"
                        + " such as ghcr.io/org/app");
    }

    @Test
    void readsABearerChallengeIntoItsTokenAddress() {
        BearerChallenge challenge = BearerChallenge.parse("Bearer realm=\"https://ghcr.io/token\","
                + "service=\"ghcr.io\",scope=\"repository:org/app:pull\"").orElseThrow();
        assertThat(challenge).isEqualTo(new BearerChallenge("https://ghcr.io/token", "ghcr.io", "repository:org/app:pull"));
        assertThat(challenge.tokenUri()).isEqualTo(
                URI.create("https://ghcr.io/token?service=ghcr.io&scope=repository%3Aorg%2Fapp%3Apull"));
        assertThat(BearerChallenge.parse("Basic realm=\"registry\"")).isEmpty();
        assertThat(BearerChallenge.parse(null)).isEmpty();
    }

    @Test
    void backsOffByDoublingOrAsTheRegistryAsks() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 5);
        assertThat(backoff.pauseAfter(1, null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.pauseAfter(2, null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.pauseAfter(3, null)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.pauseAfter(4, null)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.pauseAfter(1, "3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(backoff.pauseAfter(1, "120")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aLoginNeverShowsItsPassword() {
        assertThat(new RegistryCredentials.Login("ci", "s3cret").toString()).doesNotContain("s3cret");
    }
}
