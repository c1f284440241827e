package io.flotilla.renderer.kafka;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Tells the {@link RenderLane} when the commits topic's partitions were shared out again among the renderers: a
 * repository whose partition comes here may have been rendered by another renderer since this one last saw it, so
 * what this one remembers of its releases (the render cache, what was published) is read back from the rendered
 * topic before its next commit; otherwise an input the other renderer moved away from and a commit then moved back
 * to would look unchanged and not be rendered. A partition that goes takes the commits held here with it
 * ({@link RenderLane#partitionsRevoked}).
 */
@ApplicationScoped
@Identifier(CommitsRebalance.NAME)
public class CommitsRebalance implements KafkaConsumerRebalanceListener {

    static final String NAME = "renderer-commits-rebalance";

    private final RenderLane lane;

    @Inject
    CommitsRebalance(RenderLane lane) {
        this.lane = lane;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lane.partitionsAssigned(partitions);
    }

    /** The commits held of a partition that goes are left to the renderer it goes to, which reads them again. */
    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lane.partitionsRevoked(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        lane.partitionsRevoked(partitions);
    }
}
