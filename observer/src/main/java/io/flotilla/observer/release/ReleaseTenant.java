package io.flotilla.observer.release;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The tenant whose folder declares a release on a cluster, from its latest rendering. Only renderings write it, and
 * readers join it to the release's status (which applies write): the two events of a release are kept by concurrent
 * transactions, so neither waits for the other's row. A release of the platform team has none.
 */
@Entity
@Table(name = "release_tenant", indexes = @Index(name = "release_tenant_tenant", columnList = "tenant"))
@NamedQuery(name = ReleaseTenant.FORGET, query = "delete from ReleaseTenant where releaseKey = :key")
@NamedQuery(name = ReleaseTenant.OF_RELEASES, query = "from ReleaseTenant where releaseKey in :keys")
public class ReleaseTenant {

    static final String FORGET = "ReleaseTenant.forget";
    static final String OF_RELEASES = "ReleaseTenant.ofReleases";

    /** {@code cluster/namespace/name}. */
    @Id
    @Column(name = "release_key", length = 512)
    public String releaseKey;

    @Column(nullable = false)
    public String tenant;
}
