/** The journey of a commit across the fleet, read from the timeline: when each release was rendered and applied. */
package io.flotilla.observer.commit;
