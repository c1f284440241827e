/**
 * Each cluster's slots for concurrent applies, leased in PostgreSQL to the applier instances, so that a cluster's
 * limit holds for the whole group of instances.
 */
package io.flotilla.applier.slots;
