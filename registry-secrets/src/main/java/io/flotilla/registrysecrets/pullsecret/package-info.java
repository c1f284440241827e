/**
 * registry-creds' {@code ClusterPullSecret} semantics in plain Java: the object and its copy's name, the opt-out
 * annotation, the CustomResourceDefinition, the seed's digest, and the sync of one cluster with what it covered.
 */
package io.flotilla.registrysecrets.pullsecret;
