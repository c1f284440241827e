/**
 * Container images of Flotilla's services, built without a Docker engine: {@code ./flotilla image build}.
 * {@code JavaRuntime} makes a small Java runtime with jlink; {@code NativeLibraries} finds the C libraries it and
 * Helm's native library link against; {@code ServiceImage} puts them, a service's packaged application (and, for the
 * renderer, kustomize) into an OCI image with Jib, pushed to a registry or written as a tarball.
 */
package io.flotilla.launcher.image;
