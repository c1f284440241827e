/** Ports on 127.0.0.1, where every component of this module listens: free ones chosen, listening ones found. */
package io.flotilla.embedded.net;
