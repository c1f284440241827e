/**
 * What a webhook delivery means: which host sent it, whether a source's secret signed it, which sources it moves.
 * To support another Git host, add a line to {@link io.flotilla.gitwatcher.webhook.GitHosts}.
 */
package io.flotilla.gitwatcher.webhook;
