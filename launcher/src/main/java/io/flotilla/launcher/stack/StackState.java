package io.flotilla.launcher.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flotilla.events.EventCodec;

/**
 * What a running local stack is made of, kept in {@code .flotilla/stack.json} so that {@code down}
 * and {@code status} find it from another process.
 *
 * @param spareKubeconfig the kubeconfig of the spare clusters no one registered yet; null when none was asked for
 * @param webhookSecret   the file holding the watched repository's webhook secret ({@link StackWebhookSecret}); null
 *                        for a stack without a git-watcher
 * @param adminToken      the file holding the stack's admin API token ({@link StackAdminToken}); null for a stack
 *                        described before there was one
 */
public record StackState(
        String repository,
        String branch,
        String kafkaBootstrap,
        String databaseUrl,
        Path kubeconfig,
        String observerUrl,
        String gitWatcherUrl,
        List<Member> members,
        Path spareKubeconfig,
        Path webhookSecret,
        Path adminToken) {

    /**
     * One process of the stack and the port it listens on (0 when it has none of its own). Infrastructure
     * (Kafka, clusters, PostgreSQL) stops after the services, which still talk to it while they stop.
     */
    public record Member(String name, long pid, int port, boolean infrastructure) {
        public boolean alive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** What a generic webhook delivery to the git-watcher carries to be taken: the stack's secret as its token. */
    public Map<String, String> webhookHeaders() {
        if (webhookSecret == null) {
            return Map.of();
        }
        try {
            return Map.of(StackWebhookSecret.HEADER, Files.readString(webhookSecret).strip());
        } catch (IOException e) {
            throw new StackException("cannot read the stack's webhook secret " + webhookSecret + ": " + e.getMessage(),
                    e);
        }
    }

    /** The stack's admin token, for a caller of its APIs; null when the stack has none. */
    public String apiToken() {
        if (adminToken == null) {
            return null;
        }
        try {
            return Files.readString(adminToken).strip();
        } catch (IOException e) {
            throw new StackException("cannot read the stack's admin token " + adminToken + ": " + e.getMessage(), e);
        }
    }

    public static Path file(Path stateDir) {
        return stateDir.resolve("stack.json");
    }

    public static Optional<StackState> read(Path stateDir) {
        Path file = file(stateDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventCodec.mapper().readValue(file.toFile(), StackState.class));
        } catch (IOException e) {
            throw new StackException(file + " is not a stack description this version can read (" + e.getMessage()
                    + "); stop the processes it names by hand and delete it", e);
        }
    }

    public void write(Path stateDir) {
        try {
            Files.createDirectories(stateDir);
            EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValue(file(stateDir).toFile(), this);
        } catch (IOException e) {
            throw new StackException("cannot write " + file(stateDir) + ": " + e.getMessage(), e);
        }
    }

    public boolean anyAlive() {
        return members.stream().anyMatch(Member::alive);
    }
}
