/**
 * How far each registered cluster has come since it joined: the releases rendered for it ({@code RenderedRelease},
 * with the rollout wave each is in), how many of them are Ready, and the first moment all of them were
 * ({@code Bootstrap}), from the rendered and applied events as the intake takes them.
 */
package io.flotilla.observer.bootstrap;
