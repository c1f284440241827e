/**
 * The cluster inventory: informers per cluster ({@code InventoryWatch}) feed what is known of each cluster
 * ({@code ClusterInventory}), whose states are kept, published and streamed by {@code ClusterStates}.
 */
package io.flotilla.observer.inventory;
