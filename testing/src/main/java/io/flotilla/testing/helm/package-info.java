/** Helm's own command line, run by tests that do by hand what a Helm user does to a release. */
package io.flotilla.testing.helm;
