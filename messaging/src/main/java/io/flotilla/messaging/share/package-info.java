/**
 * Work split between the instances of one service by key, through a Kafka consumer group that reads nothing
 * ({@link io.flotilla.messaging.share.PartitionShare}): the observer's cluster watches, registry-secrets' clusters and
 * the image-updater's image repositories, each done by one live instance at a time and taken over when it leaves or
 * dies.
 */
package io.flotilla.messaging.share;
