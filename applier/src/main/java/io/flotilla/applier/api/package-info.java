/**
 * The applier's REST resources: the release history, read-only. A new endpoint goes here and calls plain Java.
 */
package io.flotilla.applier.api;
