/**
 * The applier's REST resources: the release history, reconciles on demand, rollouts held at their wave gate and
 * their resume. A new endpoint goes here and calls plain Java.
 */
package io.flotilla.applier.api;
