/**
 * Charts wherever a release takes them from: a folder of a commit, a Helm HTTP repository, an OCI registry; their
 * dependencies as {@code helm dependency build} takes them (vendored, {@code file://}, remote repositories); known
 * by content, written out to disk for Helm once, and the disk they take kept within bounds.
 */
package io.flotilla.renderer.chart;
