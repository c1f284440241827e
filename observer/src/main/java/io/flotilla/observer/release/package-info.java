/** Where each release stands on each cluster, from its latest applied event, as stored and as the API shows it. */
package io.flotilla.observer.release;
