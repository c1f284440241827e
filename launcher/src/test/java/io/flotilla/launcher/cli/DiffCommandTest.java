package io.flotilla.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.flotilla.launcher.stack.StackException;

/**
 * The command line's side of {@code diff}: what it asks the applier, what it prints and its exit code. The
 * applier's endpoint is answered as {@code DiffResource} documents it; the applier's {@code DiffTest} runs it for
 * real against a simulated cluster.
 */
class DiffCommandTest {

    private static final String DIFF = """
            {"release": "dev/apps/shop", "sourceSha": "4f1c2e9a7b", "objects": [
              {"object": {"apiVersion": "v1", "kind": "ConfigMap", "namespace": "apps", "name": "shop-settings"},
               "change": "UPDATE", "fields": [{"path": "data.color", "before": "blue", "after": "green"},
                                             {"path": "data.size", "before": null, "after": "m"}], "reason": null},
              {"object": {"apiVersion": "v1", "kind": "Secret", "namespace": "apps", "name": "shop-password"},
               "change": "UPDATE", "fields": [{"path": "data.password", "before": "(hidden)", "after": "(hidden)"}],
               "reason": null},
              {"object": {"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "apps", "name": "shop"},
               "change": "UNCHANGED", "fields": [], "reason": null},
              {"object": {"apiVersion": "v1", "kind": "ConfigMap", "namespace": "apps", "name": "shop-extra"},
               "change": "CREATE", "fields": [], "reason": null},
              {"object": {"apiVersion": "v1", "kind": "ConfigMap", "namespace": "apps", "name": "shop-legacy"},
               "change": "DELETE", "fields": [], "reason": null}]}""";

    final RecordingApi applier = new RecordingApi();

    @AfterEach
    void stop() {
        applier.close();
    }

    @Test
    void showsEachObjectThatWouldChangeWithItsFieldsAndExits3() {
        applier.answer("GET", "/api/releases/dev/apps/shop/diff", 200, DIFF);

        DiffCommand.Result result = DiffCommand.run(List.of("dev/apps/shop"), applier.endpoint());

        assertThat(result.text()).isEqualTo("""
                dev/apps/shop at 4f1c2e9: 4 of 5 objects would change
                ~ v1 ConfigMap apps/shop-settings
                    data.color: blue -> green
                    data.size: (none) -> m
                ~ v1 Secret apps/shop-password
                    data.password: (hidden) -> (hidden)
                  apps/v1 Deployment apps/shop
                + v1 ConfigMap apps/shop-extra (created)
                - v1 ConfigMap apps/shop-legacy (pruned)
                """);
        assertThat(result.exitCode()).isEqualTo(DiffCommand.CHANGES);
        assertThat(applier.requests()).extracting(RecordingApi.Request::toString)
                .containsExactly("GET /api/releases/dev/apps/shop/diff");
    }

    @Test
    void nothingToChangeExits0AndJsonCarriesTheWholeAnswer() {
        applier.answer("GET", "/api/releases/dev/apps/shop/diff", 200, """
                {"release": "dev/apps/shop", "sourceSha": "4f1c2e9a7b", "objects": [
                  {"object": {"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "apps", "name": "shop"},
                   "change": "UNCHANGED", "fields": [], "reason": null}]}""");

        DiffCommand.Result table = DiffCommand.run(List.of("dev/apps/shop"), applier.endpoint());
        DiffCommand.Result json = DiffCommand.run(List.of("dev/apps/shop", "-o", "json"), applier.endpoint());

        assertThat(table.text()).startsWith("dev/apps/shop at 4f1c2e9: nothing would change\n");
        assertThat(table.exitCode()).isZero();
        assertThat(json.text()).contains("\"change\" : \"UNCHANGED\"").contains("\"sourceSha\" : \"4f1c2e9a7b\"");
    }

    @Test
    void anUnknownReleaseIsOneLineNamingIt() {
        applier.answer("GET", "/api/releases/dev/apps/nope/diff", 404,
                "release dev/apps/nope is unknown to the applier");

        assertThatThrownBy(() -> DiffCommand.run(List.of("dev/apps/nope"), applier.endpoint()))
                .isInstanceOf(StackException.class)
                .hasMessageStartingWith("release dev/apps/nope is unknown to the applier");
    }
}
