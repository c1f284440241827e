/**
 * Whose an object on a cluster is: the marks Flotilla puts on what it applies (a label, and annotations naming the
 * release and its file), the decision on applying an object a release did not have yet (create, take back its
 * own, adopt one that was there before, or refuse one another release owns), and the decision before deleting one
 * (only what the release itself created goes).
 */
package io.flotilla.applier.ownership;
