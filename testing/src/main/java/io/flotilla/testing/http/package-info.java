/**
 * HTTP servers tests talk to in place of the outside world: {@code RecordingReceiver} plays the Git hosts' status and
 * comment APIs and the chat and webhook receivers, recording every request it gets.
 */
package io.flotilla.testing.http;
