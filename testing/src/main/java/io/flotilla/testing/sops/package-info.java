/**
 * SOPS-encrypted files for tests, made as {@code sops --encrypt --age} makes them: {@link
 * io.flotilla.testing.sops.SopsWriter} encrypts the values, and the real {@code age} command line ({@link
 * io.flotilla.testing.sops.AgeCli}) makes the key pair and wraps the data key; {@link
 * io.flotilla.testing.sops.SopsAgeDecoder} decrypts them with the npm package {@code sops-age}, an implementation
 * independent of Flotilla's.
 */
package io.flotilla.testing.sops;
