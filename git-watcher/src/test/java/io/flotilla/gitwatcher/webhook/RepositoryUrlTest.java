package io.flotilla.gitwatcher.webhook;

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
}
