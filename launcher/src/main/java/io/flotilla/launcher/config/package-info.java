/**
 * The command line's config file, as kubectl's kubeconfig: the remote Flotillas it talks to (their URLs and tokens),
 * which one is in use, where the file is, and {@code ./flotilla config} that changes it.
 */
package io.flotilla.launcher.config;
