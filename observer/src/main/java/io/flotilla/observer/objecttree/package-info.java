/**
 * The objects running on each cluster as trees by their owner references (a Deployment owns its ReplicaSets, a
 * ReplicaSet its Pods), each with its health, for the page of a release:
 * {@link io.flotilla.observer.objecttree.ObjectTrees} is fed by the inventory's watches and answers with the tree
 * under a release's objects.
 */
package io.flotilla.observer.objecttree;
