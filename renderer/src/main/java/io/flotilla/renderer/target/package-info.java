/**
 * Which clusters a release goes to, decided by the folder that declares it. To change how target clusters are
 * chosen, start at {@link io.flotilla.renderer.target.TargetSelector}.
 */
package io.flotilla.renderer.target;
