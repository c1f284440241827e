/**
 * {@code dependsOn}: which releases a release waits for, and the renderings held until they are Ready.
 */
package io.flotilla.applier.dependency;
