package io.pqws.metrics;

import java.lang.reflect.Method;
import java.util.Optional;

import io.pqws.tls.SessionTlsFacts;
import io.pqws.tls.TlsFacts;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;

/**
 * Counts the lifecycle of every session of a {@link MeteredEndpoint}: the open with the TLS facts its {@code @OnOpen}
 * attached, the close with its close code, and errors.
 *
 * <p>The open is recorded after {@code @OnOpen} ran (that is where the endpoint attaches the facts), also when it
 * threw: the container then closes the session, and the close must find it open. A session whose endpoint attached
 * no facts is counted with the group {@code unknown}.
 */
@MeteredEndpoint
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class EndpointLifecycleInterceptor {

    @Inject
    private WebSocketMetrics metrics;

    @AroundInvoke
    public Object observe(InvocationContext invocation) throws Exception {
        Method method = invocation.getMethod();
        if (method.isAnnotationPresent(OnOpen.class)) {
            try {
                return invocation.proceed();
            } finally {
                parameter(invocation, Session.class).ifPresent(session -> metrics.sessionOpened(
                        endpoint(invocation), session.getId(), facts(session)));
            }
        }
        if (method.isAnnotationPresent(OnClose.class)) {
            Optional<Session> session = parameter(invocation, Session.class);
            int code = parameter(invocation, CloseReason.class).map(r -> r.getCloseCode().getCode())
                    .orElse(CloseReason.CloseCodes.NO_STATUS_CODE.getCode());
            session.ifPresent(s -> metrics.sessionClosed(endpoint(invocation), s.getId(), code));
            return invocation.proceed();
        }
        if (method.isAnnotationPresent(OnError.class)) {
            metrics.error(endpoint(invocation));
        }
        return invocation.proceed();
    }

    private static String endpoint(InvocationContext invocation) {
        return EndpointPaths.of(invocation.getTarget().getClass());
    }

    private static TlsFacts facts(Session session) {
        return SessionTlsFacts.attached(session).orElseGet(
                () -> new TlsFacts(session.isSecure(), null, null, null, false, null, "no TLS facts attached"));
    }

    private static <T> Optional<T> parameter(InvocationContext invocation, Class<T> type) {
        for (Object parameter : invocation.getParameters()) {
            if (type.isInstance(parameter)) {
                return Optional.of(type.cast(parameter));
            }
        }
        return Optional.empty();
    }
}
