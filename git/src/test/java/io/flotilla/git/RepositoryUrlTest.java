package io.flotilla.git;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepositoryUrlTest {

    @Test
    void httpsSshScpAndWebFormsOfOneRepositoryAreTheSame() {
        assertThat(RepositoryUrl.normalise("https://github.com/Flotilla-Demo/fleet.git"))
                .isEqualTo(RepositoryUrl.normalise("git@github.com:flotilla-demo/fleet.git"))
                .isEqualTo(RepositoryUrl.normalise("ssh://git@github.com/flotilla-demo/fleet"))
                .isEqualTo(RepositoryUrl.normalise("https://ci-bot:token@github.com/flotilla-demo/fleet/"))
                .isEqualTo(RepositoryUrl.normalise("git://github.com/flotilla-demo/fleet.git"))
                .isEqualTo("github.com/flotilla-demo/fleet");
    }

    @Test
    void aTokenWrittenAloneBeforeTheHostIsTakenAsAPasswordAndLeavesTheUrl() {
        assertThat(RepositoryUrl.loginIn("https://ghp_s3cret@github.com/acme/fleet.git"))
                .contains(new RepositoryUrl.Login(RepositoryUrl.TOKEN_USER, "ghp_s3cret"));
        assertThat(RepositoryUrl.withoutPassword("https://ghp_s3cret@github.com/acme/fleet.git"))
                .isEqualTo("https://github.com/acme/fleet.git");
        assertThat(RepositoryUrl.loginIn("ssh://git@github.com/acme/fleet.git")).isEmpty();
        assertThat(RepositoryUrl.withoutPassword("ssh://git@github.com/acme/fleet.git"))
                .isEqualTo("ssh://git@github.com/acme/fleet.git");
        assertThat(RepositoryUrl.loginIn("https://github.com/acme/fleet.git")).isEmpty();
    }

    @Test
    void sshPortIsNotPartOfTheRepository() {
        assertThat(RepositoryUrl.normalise("ssh://git@gitea.example.com:2222/platform/fleet.git"))
                .isEqualTo(RepositoryUrl.normalise("https://gitea.example.com/platform/fleet"));
    }

    @Test
    void differentRepositoriesStayDifferent() {
        assertThat(RepositoryUrl.normalise("https://github.com/team-a/fleet.git"))
                .isNotEqualTo(RepositoryUrl.normalise("https://github.com/team-b/fleet.git"));
        assertThat(RepositoryUrl.normalise("https://github.com/team/fleet"))
                .isNotEqualTo(RepositoryUrl.normalise("https://gitlab.com/team/fleet"));
    }

    @Test
    void localPathsAreKeptAsTheyAre() {
        assertThat(RepositoryUrl.normalise("/srv/git/fleet.git")).isEqualTo("/srv/git/fleet");
        assertThat(RepositoryUrl.normalise("file:///srv/git/fleet")).isEqualTo("/srv/git/fleet");
    }

    @Test
    void anScpLikeSshLocationNamesTheRepositoryOfItsHttpsUrl() {
        assertThat(RepositoryUrl.same("git@github.com:org/repo", "https://github.com/org/repo")).isTrue();
        assertThat(RepositoryUrl.same("git@github.com:org/repo.git", "ssh://git@github.com/org/repo")).isTrue();
        assertThat(RepositoryUrl.same("ssh://git@github.com/org/repo", "https://github.com/org/repo.git")).isTrue();
    }

    @Test
    void aTrailingSlashGitSuffixOrTheCaseOfTheHostMakeNoDifference() {
        assertThat(RepositoryUrl.same("https://GitHub.com/org/repo/", "https://github.com/org/repo")).isTrue();
        assertThat(RepositoryUrl.same("https://github.com/org/repo.git/", "https://github.com/org/repo")).isTrue();
    }

    @Test
    void aLocalPathIsOnlyItselfAndItsFileUrl() {
        assertThat(RepositoryUrl.same("/srv/git/fleet", "file:///srv/git/fleet/")).isTrue();
        assertThat(RepositoryUrl.same("/srv/git/fleet", "/srv/git/fleet.git")).isTrue();
        assertThat(RepositoryUrl.same("/srv/git/Fleet", "/srv/git/fleet")).as("paths keep their case").isFalse();
        assertThat(RepositoryUrl.same("/srv/git/fleet", "https://srv/git/fleet")).isFalse();
        assertThat(RepositoryUrl.same("/srv/git/fleet", "/srv/git/other")).isFalse();
    }

    @Test
    void noLocationNamesNoRepository() {
        assertThat(RepositoryUrl.same(null, "https://github.com/org/repo")).isFalse();
        assertThat(RepositoryUrl.same("https://github.com/org/repo", null)).isFalse();
    }
}
