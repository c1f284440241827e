/**
 * OpenPGP commit signatures: the keys a source trusts, and whether a head is signed by one of them.
 */
package io.flotilla.gitwatcher.signature;
