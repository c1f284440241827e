package io.flotilla.registrysecrets.fleetseed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flotilla.registrysecrets.pullsecret.Seed;

/** How a fleet seed's selector selects clusters, and what a bad seed file is told, never quoting it. */
class FleetSeedRulesTest {

    @TempDir
    Path folder;

    @Test
    void aSelectorMatchesClustersAsAKubernetesLabelSelectorWould() {
        SeedSelector prodEu = SeedSelector.parse("env=prod,region=eu");
        assertThat(prodEu.matches(Map.of("env", "prod", "region", "eu", "tier", "1"))).isTrue();
        assertThat(prodEu.matches(Map.of("env", "prod", "region", "us"))).isFalse();

        SeedSelector set = SeedSelector.parse("env in (dev, staging), !gpu, tier != 0");
        assertThat(set.matches(Map.of("env", "staging"))).isTrue();
        assertThat(set.matches(Map.of("env", "staging", "gpu", "yes"))).isFalse();
        assertThat(set.matches(Map.of("env", "prod"))).isFalse();
        assertThat(SeedSelector.parse("").matches(Map.of())).isTrue();
    }

    @Test
    void aSelectorThatIsNoLabelSelectorSaysWhichPart() {
        assertThatThrownBy(() -> SeedSelector.parse("env=prod, region eu"))
                .hasMessageStartingWith("'region eu' is not a label requirement");
    }

    @Test
    void aSeedFileThatIsNotJsonIsReportedByLineAndColumnWithoutItsContent() throws IOException {
        Path file = folder.resolve("hub.json");
        Files.writeString(file, "{\"auths\": {\"r.example.com\": {\"password\": pw-secret-value}}}");

        Seed seed = DockerConfigFile.read("hub", file);

        assertThat(seed.isUsable()).isFalse();
        assertThat(seed.reason()).isEqualTo(Seed.NOT_DOCKER_CONFIG_JSON);
        assertThat(seed.problem()).startsWith("fleet seed hub: its file " + file + " is not JSON (line 1, column")
                .doesNotContain("pw-secret-value");
    }

    @Test
    void aSeedFileWithoutAuthsOrMissingIsUnusableAndSaysWhy() throws IOException {
        Path file = folder.resolve("hub.json");
        Files.writeString(file, "{\"credHelpers\": {}}");

        assertThat(DockerConfigFile.read("hub", file).problem()).contains("has no \"auths\" object");
        assertThat(DockerConfigFile.read("hub", folder.resolve("gone.json")).reason()).isEqualTo(Seed.NOT_FOUND);
    }
}
