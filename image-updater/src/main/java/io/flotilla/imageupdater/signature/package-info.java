/**
 * Signature checks before a tag is eligible: cosign's keyed ECDSA P-256 signatures of an image digest
 * ({@code CosignVerification}), read from the {@code sha256-<hex>.sig} tag cosign pushes beside the image
 * ({@code CosignSignatures}), their simple-signing payload ({@code SimpleSigningPayload}) verified with the
 * configured public key ({@code CosignPublicKey}). A tag refused is skipped by every policy, and shown.
 */
package io.flotilla.imageupdater.signature;
