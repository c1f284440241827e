package io.flotilla.gitwatcher.source;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A source added through {@code POST /api/sources}: kept so that a restarted watcher still watches it. */
@Entity
@Table(name = "registered_source")
public class RegisteredSource {

    @Id
    @Column(length = 100)
    public String id;

    @Column(nullable = false, length = 2048)
    public String repository;

    @Column(nullable = false, length = 512)
    public String branch;

    @Column(nullable = false)
    public long pollIntervalSeconds;

    /** One path per line. */
    @Column(nullable = false, length = 8192)
    public String paths;

    @Column(length = 512)
    public String webhookSecret;

    @Column(length = 512)
    public String username;

    @Column(length = 4096)
    public String password;

    @Column(length = 2048)
    public String sshKey;

    @Column(length = 2048)
    public String knownHosts;

    static RegisteredSource of(SourceDefinition definition) {
        RegisteredSource source = new RegisteredSource();
        source.id = definition.id();
        source.repository = definition.source().repository();
        source.branch = definition.source().branch();
        source.pollIntervalSeconds = definition.pollInterval().toSeconds();
        source.paths = String.join("\n", definition.paths());
        source.webhookSecret = definition.webhookSecret();
        if (definition.credentials() != null) {
            source.username = definition.credentials().username();
            source.password = definition.credentials().password();
            source.sshKey = definition.credentials().sshKey();
            source.knownHosts = definition.credentials().knownHosts();
        }
        return source;
    }

    SourceDefinition definition() {
        List<String> pathList = paths.isEmpty() ? List.of() : Arrays.asList(paths.split("\n"));
        return new SourceDefinition(id, new GitSource(repository, branch), Duration.ofSeconds(pollIntervalSeconds),
                pathList, webhookSecret,
                username == null && sshKey == null ? null : new SourceCredentials(username, password, sshKey, knownHosts));
    }
}
