package io.flotilla.deploy;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs the classes on the {@link SharedStack} one after the other, after every other class, so that the stack, which
 * stops only when the test JVM ends, never idles beside the stacks other classes start. Within each group the
 * classes run in the order of their names. Failsafe sets it as the default class order.
 */
public final class SharedStackLast implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparing((ClassDescriptor descriptor) -> onSharedStack(descriptor.getTestClass()))
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    private static boolean onSharedStack(Class<?> testClass) {
        List<ExtendWith> extensions = AnnotationSupport.findRepeatableAnnotations(testClass, ExtendWith.class);
        return extensions.stream().flatMap(extension -> Stream.of(extension.value()))
                .anyMatch(SharedStackResolver.class::equals);
    }
}
