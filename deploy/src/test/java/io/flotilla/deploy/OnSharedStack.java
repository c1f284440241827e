package io.flotilla.deploy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A class that runs on the one {@link SharedStack} of the test JVM: its {@code @BeforeAll} method is given the stack,
 * and it holds the stack's lock while it runs, so that the classes on it run one after the other while the classes
 * with stacks of their own run beside them (failsafe runs two classes at a time).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SharedStackResolver.class)
@ResourceLock(OnSharedStack.LOCK)
@interface OnSharedStack {

    /** The lock of the shared stack. */
    String LOCK = "flotilla.shared-stack";
}
