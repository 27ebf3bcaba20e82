package io.pqws.tls;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;

/**
 * The two reflective steps every {@link SslEngineLocator} takes: find the container's own request object under any
 * servlet wrappers, and call a public no-argument method that must not return null.
 *
 * <p>Why reflection: the WAR compiles against the Jakarta EE API only and must deploy unchanged on every container,
 * so container classes are reached through the objects the container hands us, never through imports.
 */
final class ContainerReflection {

    private ContainerReflection() {
    }

    /** The innermost request, i.e. the container's own implementation. */
    static ServletRequest unwrap(ServletRequest request) {
        ServletRequest current = request;
        while (current instanceof ServletRequestWrapper wrapper) {
            current = wrapper.getRequest();
        }
        return current;
    }

    /** Calls a public no-argument method of the target's class; null results are errors. */
    static Object call(Object target, String method) throws ReflectiveOperationException {
        Object result = target.getClass().getMethod(method).invoke(target);
        if (result == null) {
            throw new ReflectiveOperationException(target.getClass().getName() + "#" + method + "() returned null");
        }
        return result;
    }
}
