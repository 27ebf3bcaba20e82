package io.pqws.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.pqws.endpoint.EchoEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Every {@code @ServerEndpoint} the module ships is metered: it carries {@link MeteredEndpoint}, and declares the
 * {@code @OnOpen} and {@code @OnClose(Session, CloseReason)} methods the interceptor counts through. An endpoint added
 * without them fails here, not silently in production.
 */
class MeteredEndpointsTest {

    private static final String BENCHMARK_PACKAGE = "io.pqws.bench.";

    @Test
    void everyServerEndpointIsMetered() throws Exception {
        List<Class<?>> endpoints = serverEndpoints();
        assertFalse(endpoints.isEmpty(), "no @ServerEndpoint found: the scan is broken");
        List<String> problems = new ArrayList<>();
        for (Class<?> endpoint : endpoints) {
            if (!endpoint.isAnnotationPresent(MeteredEndpoint.class)) {
                problems.add(endpoint.getName() + " lacks @MeteredEndpoint");
            }
            Method[] methods = endpoint.getMethods();
            if (Arrays.stream(methods).noneMatch(m -> m.isAnnotationPresent(OnOpen.class)
                    && Arrays.asList(m.getParameterTypes()).contains(Session.class))) {
                problems.add(endpoint.getName() + " has no @OnOpen(Session ...)");
            }
            if (Arrays.stream(methods).noneMatch(m -> m.isAnnotationPresent(OnClose.class)
                    && Arrays.asList(m.getParameterTypes()).containsAll(List.of(Session.class, CloseReason.class)))) {
                problems.add(endpoint.getName() + " has no @OnClose(Session, CloseReason)");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theEndpointLabelIsThePathTemplate() {
        assertEquals("/echo", EndpointPaths.of(EchoEndpoint.class));
        class GeneratedSubclass extends EchoEndpoint {
        }
        assertEquals("/echo", EndpointPaths.of(GeneratedSubclass.class));
    }

    /**
     * The {@code @ServerEndpoint} classes among the compiled main classes that {@code pqws.war} carries: not the
     * benchmark's baseline endpoints ({@code io.pqws.bench.baseline}), which are the unmetered code pqws is compared
     * with and never reach the WAR ({@code WarContentIT}).
     */
    private static List<Class<?>> serverEndpoints() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(EchoEndpoint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, MeteredEndpointsTest.class.getClassLoader());
                if (type.isAnnotationPresent(ServerEndpoint.class) && !name.startsWith(BENCHMARK_PACKAGE)) {
                    found.add(type);
                }
            }
        }
        return found;
    }
}
