package io.flotilla.observer.registry;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.flotilla.events.EventCodec;

/**
 * One cluster as the registry keeps it, credentials sealed ({@code sealed:v1:...}, never in clear). A removed cluster
 * keeps its row, with when it left: a kubeconfig given at the next start does not bring it back. Only changed columns
 * are written, so that the intake marking a cluster's bootstrap done never overwrites a relabelling, nor the other way.
 */
@Entity
@Table(name = "registered_cluster")
@DynamicUpdate
// Named, so Hibernate parses them at boot rather than on the first request's event-loop thread.
@NamedQuery(name = RegistrationRecord.ALL, query = "from RegistrationRecord order by name")
@NamedQuery(name = RegistrationRecord.LIVE, query = "from RegistrationRecord where removedAt is null order by name")
public class RegistrationRecord {

    static final String ALL = "RegistrationRecord.all";
    public static final String LIVE = "RegistrationRecord.live";

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };

    @Id
    @Column(length = 63)
    public String name;

    /** The labels as a JSON object. */
    @Column(columnDefinition = "text", nullable = false)
    public String labels;

    @Column(columnDefinition = "text", nullable = false)
    public String server;

    /** {@code kubeconfig}, {@code api} or {@code secret}. */
    @Column(length = 16, nullable = false)
    public String source;

    @Column(nullable = false)
    public Instant registeredAt;

    /** A kubeconfig of this cluster alone, sealed with the key ring ({@code clusters.CredentialSeal}). */
    @Column(columnDefinition = "text", nullable = false)
    public String credentials;

    /** When the cluster was removed; null while it is registered. */
    public Instant removedAt;

    /** Whether its removal asked that what Flotilla deployed there be uninstalled. */
    public boolean uninstall;

    /** The first moment every release rendered for it was Ready since it was registered; null until then. */
    public Instant allReadyAt;

    public boolean live() {
        return removedAt == null;
    }

    public Map<String, String> labelMap() {
        try {
            return EventCodec.mapper().readValue(labels, LABELS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cluster " + name + ": stored labels cannot be read", e);
        }
    }

    public void labels(Map<String, String> labelMap) {
        try {
            labels = EventCodec.mapper().writeValueAsString(new TreeMap<>(labelMap));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cluster " + name + ": labels cannot be written", e);
        }
    }
}
