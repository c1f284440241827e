/**
 * Every event Flotilla's services emitted, each kept once in PostgreSQL, and the live stream of events as they are
 * kept, for the API, the dashboard and the commit journeys.
 */
package io.flotilla.observer.timeline;
