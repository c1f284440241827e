package io.flotilla.gitwatcher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SourceDefinitionTest {

    @Test
    void withoutPathsEveryCommitMatters() {
        assertThat(source(List.of()).concerns(List.of("README.md"))).isTrue();
    }

    @Test
    void withPathsOnlyCommitsTouchingThemMatter() {
        SourceDefinition source = source(List.of("releases/prod/", "/common", "clusters/eu.yaml"));

        assertThat(source.concerns(List.of("docs/README.md", "releases/prod/app.yaml"))).isTrue();
        assertThat(source.concerns(List.of("common/namespaces/payments.yaml"))).isTrue();
        assertThat(source.concerns(List.of("clusters/eu.yaml"))).isTrue();
        assertThat(source.concerns(List.of("docs/README.md", "releases/production/app.yaml", "commonplace.yaml")))
                .isFalse();
    }

    @Test
    void previewBranchesAreAGlobOfBranchNamesForASourceFollowingABranch() {
        BranchGlob previews = BranchGlob.ofNullable(" preview/* ");

        assertThat(previews.matches("preview/podinfo")).isTrue();
        assertThat(previews.matches("preview/podinfo/next")).isFalse();
        assertThat(previews.matches("feature/preview")).isFalse();
        assertThat(BranchGlob.ofNullable("  ")).as("blank: no branch is previewed").isNull();
        assertThat(new SourceDefinition("fleet", new GitSource("https://git.example.com/fleet.git",
                new BranchRef("main")), Duration.ofMinutes(1), List.of(), null, false, null, null, previews)
                .previewBranches()).isEqualTo(new BranchGlob("preview/*"));
        assertThatThrownBy(() -> new SourceDefinition("releases", new GitSource("https://git.example.com/fleet.git",
                new TagGlob("v*")), Duration.ofMinutes(1), List.of(), null, false, null, null, previews))
                .hasMessage("source releases follows tags: previewBranches are compared with a branch, so only a"
                        + " source following a branch can preview others");
    }

    @Test
    void credentialsAreOneOfAUsernameAnSshKeyOrASecretNamedNamespaceSlashNameAndNeverShowAValue() {
        assertThat(SourceCredentials.ofAny(null, null, null, null, "flux-system/fleet-auth"))
                .hasToString("Secret flux-system/fleet-auth");
        assertThat(SourceCredentials.ofAny("ci-bot", "glpat-token", null, null, null))
                .hasToString("HTTPS user ci-bot");
        assertThat(SourceCredentials.ofAny(null, null, null, null, null)).isNull();
        assertThatThrownBy(() -> SourceCredentials.ofAny("ci-bot", "glpat-token", null, null, "flux-system/fleet-auth"))
                .hasMessage("credentials need one of a username (HTTPS), an SSH key or a secret (namespace/name)");
        assertThatThrownBy(() -> SourceCredentials.ofAny(null, null, null, null, "fleet-auth"))
                .hasMessage("'fleet-auth' does not name a Secret: write namespace/name");
    }

    @Test
    void nameMustBeUsableInAUrl() {
        assertThatThrownBy(() -> new SourceDefinition("fleet/prod", new GitSource("/srv/fleet", new BranchRef("main")),
                Duration.ofSeconds(10), List.of(), null, false, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fleet/prod");
    }

    @Test
    void aSecretAndUnsignedDeliveriesTogetherAreRefusedNamingTheSource() {
        assertThatThrownBy(() -> new SourceDefinition("fleet", new GitSource("/srv/fleet", new BranchRef("main")),
                Duration.ofSeconds(10), List.of(), "s3cret", true, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fleet").hasMessageContaining("unsigned-webhooks");
    }

    @Test
    void pollIntervalMustBePositive() {
        assertThatThrownBy(() -> new SourceDefinition("fleet", new GitSource("/srv/fleet", new BranchRef("main")),
                Duration.ZERO, List.of(), null, false, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("poll interval");
    }


    @Test
    void aTokenWrittenAloneIntoAnHttpsUrlBecomesTheSourcesPasswordAndLeavesTheUrl() {
        SourceDefinition source = new SourceDefinition("bare", new GitSource(
                "https://ghp_b4re@github.com/acme/fleet.git", RefSelector.of("main", null, null, "main")),
                Duration.ofMinutes(1), List.of(), null, false, null, null);

        assertThat(source.source().repository()).isEqualTo("https://github.com/acme/fleet.git");
        assertThat(source.credentials().username()).isEqualTo("x-access-token");
        assertThat(source.credentials().password()).isEqualTo("ghp_b4re");
        assertThat(source.toString()).doesNotContain("ghp_b4re");
    }

    @Test
    void aTokenWrittenIntoAnHttpsUrlBecomesTheCredentialsAndLeavesTheUrl() {
        SourceDefinition source = new SourceDefinition("private", new GitSource(
                "https://x-access-token:ghp_s3cret@github.com/acme/fleet.git", RefSelector.of("main", null, null,
                        "main")), Duration.ofMinutes(1), List.of(), null, false, null, null);

        assertThat(source.source().repository()).isEqualTo("https://github.com/acme/fleet.git");
        assertThat(source.credentials().username()).isEqualTo("x-access-token");
        assertThat(source.credentials().password()).isEqualTo("ghp_s3cret");
        assertThat(source.toString()).doesNotContain("ghp_s3cret");
        assertThat(new SourceDefinition("ssh", new GitSource("ssh://git@github.com/acme/fleet.git",
                RefSelector.of("main", null, null, "main")), Duration.ofMinutes(1), List.of(), null, false, null, null)
                .source().repository()).isEqualTo("ssh://git@github.com/acme/fleet.git");
        assertThatThrownBy(() -> new SourceDefinition("both", new GitSource(
                "https://bot:ghp_s3cret@github.com/acme/fleet.git", RefSelector.of("main", null, null, "main")),
                Duration.ofMinutes(1), List.of(), null, false,
                SourceCredentials.ofAny("bot", "other", null, null, null), null))
                .hasMessageContaining("source both: its repository URL carries a password or token")
                .hasMessageNotContaining("ghp_s3cret");
    }
    private static SourceDefinition source(List<String> paths) {
        return new SourceDefinition("fleet", new GitSource("/srv/fleet", new BranchRef("main")), Duration.ofSeconds(10),
                paths, null, false, null, null);
    }
}
