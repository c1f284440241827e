/**
 * Notifications: releases that failed, drifted, recovered or whose rollout halted, told to Slack, Microsoft Teams
 * and generic webhooks. Each receiver's rules choose the releases, clusters and severities it hears of; the changes
 * of one commit that come within a short window go out as one message. Sent through {@code delivery}, so a receiver
 * that is down holds up nothing else.
 */
package io.flotilla.observer.notify;
