package io.flotilla.observer.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a login goes next: the page asked for on this site, else the fleet; never another site, never an error. */
class LoginResourceTest {

    @Test
    void aPathOfThisSiteIsKept() {
        assertThat(LoginResource.local("/releases/dev/apps/web?said=x#actions"))
                .isEqualTo("/releases/dev/apps/web?said=x#actions");
    }

    @Test
    void anotherSiteGoesToTheFleet() {
        assertThat(LoginResource.local("https://elsewhere.example/")).isEqualTo("/");
        assertThat(LoginResource.local("//elsewhere.example/")).isEqualTo("/");
        assertThat(LoginResource.local("/\\elsewhere.example/")).isEqualTo("/");
        assertThat(LoginResource.local(null)).isEqualTo("/");
    }

    @Test
    void aThenThatIsNoUriGoesToTheFleetRatherThanFailingTheLogin() {
        assertThat(LoginResource.local("/releases/a b")).isEqualTo("/");
        assertThat(LoginResource.local("/\t/elsewhere.example/")).isEqualTo("/");
    }
}
