package io.flotilla.applier.apply;

/**
 * One field of an object that the next apply would change.
 *
 * @param path   where it is, {@code spec.template.spec.containers[0].image}
 * @param before its value on the cluster; null when the apply adds it
 * @param after  its value once applied; null when the apply removes it
 */
public record FieldChange(String path, Object before, Object after) {
}
