/** The Kafka edge: commits in (handed to the commit lane), {@code ImageTagFound} out on the images topic. */
package io.flotilla.imageupdater.kafka;
