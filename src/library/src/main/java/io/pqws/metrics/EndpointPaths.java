package io.pqws.metrics;

import jakarta.websocket.server.ServerEndpoint;

/**
 * The path template an endpoint class is deployed under, the {@code endpoint} label of every metric.
 *
 * <p>Why the template and not the request path: a path with parameters ({@code /chat/{room}}) would make one label
 * value per room, without bound; the template is one per endpoint, and it is what the container's own traffic
 * listener reports too.
 */
final class EndpointPaths {

    private EndpointPaths() {
    }

    /**
     * The {@code @ServerEndpoint} value of the class or of the nearest superclass carrying it (the container may hand
     * out a generated subclass, such as Weld's interception subclass).
     *
     * @throws IllegalArgumentException if no class in the hierarchy is a {@code @ServerEndpoint}
     */
    static String of(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            ServerEndpoint endpoint = c.getAnnotation(ServerEndpoint.class);
            if (endpoint != null) {
                return endpoint.value();
            }
        }
        throw new IllegalArgumentException(type.getName() + " is not a @ServerEndpoint");
    }
}
