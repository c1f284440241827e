package io.flotilla.gitwatcher.source;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.flotilla.gitwatcher.signature.SigningKeys;

/** A source added through {@code POST /api/sources}: kept so that a restarted watcher still watches it. */
@Entity
@Table(name = "registered_source")
public class RegisteredSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Id
    @Column(length = 100)
    public String id;

    @Column(nullable = false, length = 2048)
    public String repository;

    /** The branch, or {@code tags:<glob>} or {@code semver:<range>} for a source following tags. */
    @Column(nullable = false, length = 512)
    public String branch;

    @Column(nullable = false)
    public long pollIntervalSeconds;

    /** One path per line. */
    @Column(nullable = false, length = 8192)
    public String paths;

    @Column(length = 512)
    public String webhookSecret;

    /** Null in rows written before the setting existed: they take no unsigned deliveries. */
    public Boolean unsignedWebhooks;

    @Column(length = 512)
    public String username;

    @Column(length = 4096)
    public String password;

    @Column(length = 2048)
    public String sshKey;

    @Column(length = 2048)
    public String knownHosts;

    /** The Secret holding the credentials, {@code namespace/name}: never its values. */
    @Column(length = 512)
    public String secret;

    /** The signing key entries (armored blocks or key file paths) as a JSON array; null when signatures are not checked. */
    @Column(columnDefinition = "text")
    public String signingKeys;

    static RegisteredSource of(SourceDefinition definition) {
        RegisteredSource source = new RegisteredSource();
        source.id = definition.id();
        source.repository = definition.source().repository();
        source.branch = definition.source().ref().positionKey();
        source.pollIntervalSeconds = definition.pollInterval().toSeconds();
        source.paths = String.join("\n", definition.paths());
        source.webhookSecret = definition.webhookSecret();
        source.unsignedWebhooks = definition.unsignedWebhooks();
        if (definition.credentials() != null) {
            source.username = definition.credentials().username();
            source.password = definition.credentials().password();
            source.sshKey = definition.credentials().sshKey();
            source.knownHosts = definition.credentials().knownHosts();
            source.secret = definition.credentials().secret();
        }
        if (definition.signingKeys() != null) {
            source.signingKeys = writeJson(definition.signingKeys().entries());
        }
        return source;
    }

    SourceDefinition definition() {
        List<String> pathList = paths.isEmpty() ? List.of() : Arrays.asList(paths.split("\n"));
        return new SourceDefinition(id, new GitSource(repository, RefSelector.fromKey(branch)),
                Duration.ofSeconds(pollIntervalSeconds), pathList, webhookSecret, Boolean.TRUE.equals(unsignedWebhooks),
                SourceCredentials.ofAny(username, password, sshKey, knownHosts, secret),
                signingKeys == null ? null : SigningKeys.parse(readJson(signingKeys)));
    }

    private static String writeJson(List<String> entries) {
        try {
            return JSON.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    private List<String> readJson(String text) {
        try {
            return JSON.readValue(text, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("source " + id + ": the stored signing keys are not a JSON list: "
                    + e.getMessage(), e);
        }
    }
}
