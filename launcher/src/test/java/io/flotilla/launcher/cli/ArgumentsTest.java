package io.flotilla.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.flotilla.launcher.cli.Arguments.UsageException;

class ArgumentsTest {

    private static final Set<String> UP = Set.of("repo", "context", "port");

    @Test
    void readsValuesInBothFormsAndRepeatedOptions() {
        Arguments arguments = Arguments.parse("up", List.of("--repo", "/src/fleet", "--port=9090", "--context", "a",
                "--context", "b"), UP);

        assertThat(arguments.value("repo")).contains("/src/fleet");
        assertThat(arguments.intValue("port", 8080)).isEqualTo(9090);
        assertThat(arguments.values("context")).containsExactly("a", "b");
        assertThat(arguments.has("branch")).isFalse();
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> Arguments.parse("up", List.of("--colour", "x"), UP))
                .isInstanceOf(UsageException.class).hasMessage("'up' has no option --colour");
        assertThatThrownBy(() -> Arguments.parse("up", List.of("--repo"), UP))
                .isInstanceOf(UsageException.class).hasMessage("--repo needs a value");
        assertThatThrownBy(() -> Arguments.parse("up", List.of("fleet"), UP))
                .isInstanceOf(UsageException.class).hasMessage("'up' takes no argument 'fleet'");
        assertThatThrownBy(() -> Arguments.parse("up", List.of("--port", "http"), UP).intValue("port", 1))
                .isInstanceOf(UsageException.class).hasMessage("--port takes a whole number, not 'http'");
        assertThatThrownBy(() -> Arguments.parse("up", List.of("--repo", "a", "--repo", "b"), UP).value("repo"))
                .isInstanceOf(UsageException.class).hasMessageContaining("given 2 times");
    }

    @Test
    void flagsAndPlainArgumentsWhereACommandTakesThem() {
        Arguments arguments = Arguments.parse("reconcile", List.of("dev/apps/web", "--all"), Set.of("cluster"),
                Set.of("all"), 1);

        assertThat(arguments.plain()).containsExactly("dev/apps/web");
        assertThat(arguments.has("all")).isTrue();
        assertThat(arguments.has("cluster")).isFalse();
        assertThatThrownBy(() -> Arguments.parse("reconcile", List.of("a", "b"), Set.of(), Set.of(), 1))
                .isInstanceOf(UsageException.class).hasMessage("'reconcile' takes no argument 'b'");
    }
}
