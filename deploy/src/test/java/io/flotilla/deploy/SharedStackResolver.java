package io.flotilla.deploy;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a {@link SharedStack} parameter (of a {@code @BeforeAll} method) the one stack of this test JVM, started at
 * the first request and kept in JUnit's root store, which closes it once every class has run.
 */
final class SharedStackResolver implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SharedStack.class;
    }

    @Override
    public SharedStack resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(SharedStack.class, key -> SharedStack.start(),
                SharedStack.class);
    }
}
