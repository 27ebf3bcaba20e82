package io.pqws.metrics;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Puts a {@code @ServerEndpoint} class under the module's WebSocket metrics: sessions opened (with the TLS facts its
 * {@code @OnOpen} attached), active sessions, closes by close code and errors, per endpoint.
 *
 * <p>Why an interceptor binding: the container creates endpoint instances through CDI (Tyrus on Payara uses
 * {@code BeanManager#createInjectionTarget}), so one annotation instruments every lifecycle method without a line of
 * metrics code in the endpoint. The endpoint must declare {@code @OnOpen} (calling {@code SessionTlsFacts.attach}) and
 * {@code @OnClose} with a {@code CloseReason} parameter; {@code MeteredEndpointsTest} fails the build for an endpoint
 * that does not. Messages are counted by the container's traffic listener ({@code io.pqws.metrics.tyrus}), which also
 * sees messages an endpoint sends itself.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE})
public @interface MeteredEndpoint {
}
