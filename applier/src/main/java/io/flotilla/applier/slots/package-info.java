/**
 * Each cluster's limits for the whole group of applier instances, in PostgreSQL: its slots for concurrent applies,
 * leased to the instances, and its requests a second, one token bucket for every instance.
 */
package io.flotilla.applier.slots;
