package io.flotilla.observer.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flotilla.clusters.RegisteredCluster;

class KubeconfigSeedTest {

    static final Instant THEN = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void aContextTheRegistryHasNoRowOfIsRegistered() {
        RegisteredCluster dev = context("dev", "https://dev:6443", "token-a");

        assertThat(KubeconfigSeed.plan(Map.of(), List.of(dev))).containsExactly(dev);
    }

    @Test
    void aRemovedClusterIsNotBroughtBack() {
        Map<String, KubeconfigSeed.Row> registry = Map.of("dev",
                new KubeconfigSeed.Row(registered("dev", "kubeconfig", "https://dev:6443", "token-a"), false));

        assertThat(KubeconfigSeed.plan(registry, List.of(context("dev", "https://dev:7443", "token-b")))).isEmpty();
    }

    @Test
    void aClusterRegisteredOtherwiseIsLeftAsItIs() {
        Map<String, KubeconfigSeed.Row> registry = Map.of("dev",
                new KubeconfigSeed.Row(registered("dev", "api", "https://dev:6443", "token-a"), true));

        assertThat(KubeconfigSeed.plan(registry, List.of(context("dev", "https://dev:7443", "token-b")))).isEmpty();
    }

    @Test
    void aKubeconfigClusterTakesTheFilesNewServerAndCredentialsAndKeepsItsLabelsAndRegistration() {
        Map<String, KubeconfigSeed.Row> registry = Map.of(
                "dev", new KubeconfigSeed.Row(registered("dev", "kubeconfig", "https://dev:6443", "token-a"), true),
                "prod", new KubeconfigSeed.Row(registered("prod", "kubeconfig", "https://prod:6443", "token-p"), true));

        List<RegisteredCluster> stored = KubeconfigSeed.plan(registry, List.of(
                context("dev", "https://dev:7443", "token-b"), context("prod", "https://prod:6443", "token-p")));

        assertThat(stored).containsExactly(new RegisteredCluster("dev", Map.of("env", "relabelled"), "https://dev:7443",
                "kubeconfig", THEN, "kubeconfig of dev with token-b"));
    }

    private static RegisteredCluster context(String name, String server, String token) {
        return new RegisteredCluster(name, Map.of("env", "from-file"), server, "kubeconfig", NOW,
                "kubeconfig of " + name + " with " + token);
    }

    private static RegisteredCluster registered(String name, String source, String server, String token) {
        return new RegisteredCluster(name, Map.of("env", "relabelled"), server, source, THEN,
                "kubeconfig of " + name + " with " + token);
    }
}
