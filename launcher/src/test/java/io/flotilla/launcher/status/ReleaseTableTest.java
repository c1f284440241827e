package io.flotilla.launcher.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReleaseTableTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void showsReleasesPerClusterWithWhatFailedAndWhy() {
        String table = ReleaseTable.format(List.of(
                new ReleaseRow("dev", "hello", "hello", 3, "Ready", "hello", "0.1.0", "a1b2c3d4e5f6", NOW.minusSeconds(5), null),
                new ReleaseRow("dev", "default", "releases-dev", 1, "Failed", null, null, "a1b2c3d4e5f6",
                        NOW.minusSeconds(300), "releases/dev/oops.yaml: invalid YAML at line 3, column 22"),
                new ReleaseRow("prod", "hello", "hello", 7, "Ready", "hello", "0.1.0", "0f0f0f0f0f", NOW.minusSeconds(7200), null)),
                NOW);

        assertThat(table.lines()).first().asString().startsWith("CLUSTER").contains("STATUS", "MESSAGE");
        assertThat(table).contains("dev      hello      hello         3    Ready   hello-0.1.0  a1b2c3d  5s ago");
        assertThat(table).contains("Failed  -            a1b2c3d  5m ago   releases/dev/oops.yaml: invalid YAML at line 3");
        assertThat(table).contains("prod     hello      hello         7    Ready   hello-0.1.0  0f0f0f0  2h ago");
        assertThat(table).contains("2 of 3 releases ready");
    }

    @Test
    void saysSoWhenNothingWasAppliedYet() {
        assertThat(ReleaseTable.format(List.of(), NOW)).startsWith("No releases yet");
    }

    @Test
    void longMessagesAreShortenedToOneLine() {
        String message = "line one\n" + "x".repeat(300);
        String table = ReleaseTable.format(List.of(
                new ReleaseRow("dev", "a", "b", 1, "Failed", null, null, null, null, message)), NOW);

        assertThat(table).contains("line one xxx").contains("...").doesNotContain("line one\n");
    }
}
