package io.pqws.metrics;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks a REST resource that only the clients {@link OperatorAccess} allows may read ({@link OperatorOnlyFilter}).
 *
 * <p>Why on the resource and not as a URL pattern: the library's resources are served under whatever
 * {@code @ApplicationPath} the application that carries the library chose, so only the resource itself knows that it
 * is an operator page.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OperatorOnly {
}
