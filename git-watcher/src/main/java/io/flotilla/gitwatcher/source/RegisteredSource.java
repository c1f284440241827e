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

import io.flotilla.events.sealing.DataKey;
import io.flotilla.events.sealing.KeyRing;
import io.flotilla.events.sealing.SealingException;
import io.flotilla.gitwatcher.signature.SigningKeys;

/**
 * A source added through {@code POST /api/sources}: kept so that a restarted watcher still watches it. Its webhook
 * secret, password and SSH key are kept sealed with the service's key ring ({@code flotilla.secrets.*}), each bound
 * to its source and column; a row written before they were sealed is read as it is and sealed when next saved.
 */
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

    /** The glob of branches previewed when polled; null for none. */
    @Column(length = 512)
    public String previewBranches;

    static RegisteredSource of(SourceDefinition definition, KeyRing keys) {
        DataKey sealing = keys.newDataKey();
        RegisteredSource source = new RegisteredSource();
        source.id = definition.id();
        source.repository = definition.source().repository();
        source.branch = definition.source().ref().positionKey();
        source.pollIntervalSeconds = definition.pollInterval().toSeconds();
        source.paths = String.join("\n", definition.paths());
        source.webhookSecret = sealed(sealing, definition.webhookSecret(), definition.id(), "webhookSecret");
        source.unsignedWebhooks = definition.unsignedWebhooks();
        if (definition.credentials() != null) {
            source.username = definition.credentials().username();
            source.password = sealed(sealing, definition.credentials().password(), definition.id(), "password");
            source.sshKey = sealed(sealing, definition.credentials().sshKey(), definition.id(), "sshKey");
            source.knownHosts = definition.credentials().knownHosts();
            source.secret = definition.credentials().secret();
        }
        source.previewBranches = definition.previewBranches() == null ? null : definition.previewBranches().pattern();
        if (definition.signingKeys() != null) {
            source.signingKeys = writeJson(definition.signingKeys().entries());
        }
        return source;
    }

    /** @throws io.flotilla.events.sealing.SealingException naming the source and column that do not open */
    SourceDefinition definition(KeyRing keys) {
        List<String> pathList = paths.isEmpty() ? List.of() : Arrays.asList(paths.split("\n"));
        return new SourceDefinition(id, new GitSource(repository, RefSelector.fromKey(branch)),
                Duration.ofSeconds(pollIntervalSeconds), pathList, opened(keys, webhookSecret, "webhookSecret"),
                Boolean.TRUE.equals(unsignedWebhooks), SourceCredentials.ofAny(username, opened(keys, password, "password"),
                        opened(keys, sshKey, "sshKey"), knownHosts, secret),
                signingKeys == null ? null : SigningKeys.parse(readJson(signingKeys)),
                BranchGlob.ofNullable(previewBranches));
    }

    private static String sealed(DataKey sealing, String value, String id, String column) {
        return value == null || value.isEmpty() ? value : sealing.seal(value, context(id, column));
    }

    private String opened(KeyRing keys, String value, String column) {
        if (!KeyRing.isSealed(value)) {
            return value;
        }
        try {
            return keys.open(value, context(id, column));
        } catch (SealingException e) {
            throw new SealingException("source " + id + ": its " + column + " cannot be opened: " + e.getMessage(), e);
        }
    }

    private static String context(String id, String column) {
        return "source " + id + " " + column;
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
