/**
 * registry-creds' {@code ClusterPullSecret} semantics in plain Java, for a {@code ClusterPullSecret} and a fleet seed
 * alike: the object and its copy's name, the opt-out annotation, the CustomResourceDefinition and the status written
 * on the object, the seed and its digest, the marks on a copy, and the sync of one cluster with what it covered.
 */
package io.flotilla.registrysecrets.pullsecret;
