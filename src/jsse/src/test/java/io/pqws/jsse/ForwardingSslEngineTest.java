package io.pqws.jsse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;

class ForwardingSslEngineTest {

    /**
     * A JDK that adds an overridable method to SSLEngine makes this fail, until the forwarder forwards it too. The
     * short {@code wrap}/{@code unwrap} overloads stay SSLEngine's own: they call the full forms, which subclasses
     * watch.
     */
    @Test
    void everyOverridableMethodOfTheJdksSslEngineIsForwarded() {
        List<String> missing = Arrays.stream(SSLEngine.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && !Modifier.isFinal(m.getModifiers()))
                .filter(m -> !isShortRecordOverload(m))
                .filter(m -> !declaresOwn(m))
                .map(Method::toString)
                .toList();
        assertEquals(List.of(), missing);
    }

    @Test
    void settingsAndStateGoToTheDelegate() throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3", TestPki.BCJSSE);
        context.init(null, null, null);
        SSLEngine delegate = context.createSSLEngine("example.test", 443);
        SSLEngine forwarding = new ForwardingSslEngine(delegate) {
        };

        forwarding.setUseClientMode(true);
        forwarding.setEnabledProtocols(new String[] {"TLSv1.3"});
        forwarding.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        BiFunction<SSLEngine, List<String>, String> selector = (engine, protocols) -> null;
        forwarding.setHandshakeApplicationProtocolSelector(selector);

        assertTrue(delegate.getUseClientMode());
        assertArrayEquals(new String[] {"TLSv1.3"}, delegate.getEnabledProtocols());
        assertArrayEquals(new String[] {"TLS_AES_128_GCM_SHA256"}, delegate.getEnabledCipherSuites());
        assertSame(selector, delegate.getHandshakeApplicationProtocolSelector());
        assertEquals("example.test", forwarding.getPeerHost());
        assertEquals(443, forwarding.getPeerPort());
        assertSame(delegate.getSession(), forwarding.getSession());
    }

    private static boolean isShortRecordOverload(Method method) {
        return (method.getName().equals("wrap") || method.getName().equals("unwrap"))
                && method.getParameterCount() == 2;
    }

    private static boolean declaresOwn(Method method) {
        try {
            ForwardingSslEngine.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
