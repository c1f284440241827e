package io.flotilla.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class AccessRulesTest {

    private final AccessRules applier = AccessRules.of(List.of("/hooks/*"), List.of("POST /api/reconcile",
            "POST /api/releases/*/*/*/suspend", "GET /api/releases/*/*/*/diff"), List.of("/api/releases/*/*/*/**"));

    @Test
    void healthAndOpenPathsNeedNoRole() {
        assertThat(applier.needed("GET", "/q/health")).isEmpty();
        assertThat(applier.needed("GET", "/q/health/ready")).isEmpty();
        assertThat(applier.needed("POST", "/hooks/github")).isEmpty();
        assertThat(applier.needed("POST", "/hooks/github/more")).contains(Role.ADMIN);
    }

    @Test
    void readsNeedAViewerAndWritesAnAdminUnlessARuleSaysOperator() {
        assertThat(applier.needed("GET", "/api/suspensions")).contains(Role.VIEWER);
        assertThat(applier.needed("GET", "/q/metrics")).contains(Role.VIEWER);
        assertThat(applier.needed("post", "/api/reconcile")).contains(Role.OPERATOR);
        assertThat(applier.needed("POST", "/api/releases/dev/apps/hello/suspend")).contains(Role.OPERATOR);
        assertThat(applier.needed("GET", "/api/releases/dev/apps/hello/diff")).contains(Role.OPERATOR);
        assertThat(applier.needed("POST", "/api/releases/dev/apps/suspend")).contains(Role.ADMIN);
        assertThat(applier.needed("DELETE", "/api/reconcile")).contains(Role.ADMIN);
        assertThat(applier.needed("POST", "/api/sources")).contains(Role.ADMIN);
    }

    @Test
    void aHeadNeedsWhatTheGetOfThePathNeeds() {
        assertThat(applier.needed("HEAD", "/api/releases/dev/apps/hello/diff")).contains(Role.OPERATOR);
        assertThat(applier.needed("HEAD", "/api/suspensions")).contains(Role.VIEWER);
        assertThat(applier.needed("HEAD", "/api/reconcile")).contains(Role.VIEWER);
    }

    @Test
    void aPathSpelledAnotherWayNeedsWhatItsResourceNeeds() {
        assertThat(applier.needed("GET", "/api/releases/dev/apps/hello/diff;x=1")).contains(Role.OPERATOR);
        assertThat(applier.needed("GET", "/api//releases/dev/apps/hello/diff/")).contains(Role.OPERATOR);
        assertThat(applier.needed("POST", "//api/reconcile")).contains(Role.OPERATOR);
    }

    @Test
    void aTenantsMemberMayCallOnlyTheMemberPaths() {
        assertThat(applier.memberMay("POST", "/api/releases/dev/team-a/web/suspend")).isTrue();
        assertThat(applier.memberMay("GET", "/api/releases/dev/team-a/web/diff")).isTrue();
        assertThat(applier.memberMay("POST", "/api/reconcile")).isFalse();
        assertThat(applier.memberMay("GET", "/api/suspensions")).isFalse();
        assertThat(applier.memberMay("GET", "/q/metrics")).isFalse();
    }

    @Test
    void aRuleThatIsNoPathIsRefusedNamingIt() {
        assertThatThrownBy(() -> AccessRules.of(List.of("hooks/*"), List.of(), List.of()))
                .hasMessageContaining("'hooks/*'").hasMessageContaining("[METHOD ]/path");
        assertThatThrownBy(() -> AccessRules.of(List.of(), List.of("GET /a/**/b"), List.of()))
                .hasMessageContaining("** may only end a path");
    }

    @Test
    void rolesIncludeTheOnesBelow() {
        assertThat(Role.including(List.of(Role.OPERATOR))).containsExactlyInAnyOrder(Role.VIEWER, Role.OPERATOR);
        assertThat(Role.ADMIN.includes(Role.OPERATOR)).isTrue();
        assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
    }
}
