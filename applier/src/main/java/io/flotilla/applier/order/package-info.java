/**
 * The order objects are applied and deleted in, as Helm's install order.
 */
package io.flotilla.applier.order;
