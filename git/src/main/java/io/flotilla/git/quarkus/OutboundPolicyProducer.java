package io.flotilla.git.quarkus;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.flotilla.git.outbound.OutboundPolicy;

/** The one {@link OutboundPolicy} of a service, from {@link OutboundConfig}. */
@Singleton
public class OutboundPolicyProducer {

    private static final Logger LOG = Logger.getLogger(OutboundPolicyProducer.class);

    @Produces
    @Singleton
    OutboundPolicy policy(OutboundConfig config) {
        OutboundPolicy policy = new OutboundPolicy(
                config.schemes().map(Set::copyOf).orElse(OutboundPolicy.DEFAULT_SCHEMES),
                config.privateAddresses(), config.hosts().orElse(List.of()));
        LOG.infof("locations users name may be reached over %s%s%s", policy.schemes(),
                policy.privateAddresses() ? ", at any address" : ", at public addresses",
                policy.hosts().isEmpty() ? "" : " and at " + policy.hosts());
        return policy;
    }
}
