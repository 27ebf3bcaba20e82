package io.pqws.jsse;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * Asks a Bouncy Castle SSLContext which named groups it will really use in TLS 1.3.
 *
 * <p>BCJSSE silently drops a {@code jdk.tls.namedGroups} entry it cannot use (unknown, disabled by
 * {@code jdk.tls.disabledAlgorithms}, or missing from its crypto provider: on JDK 17 BCJSSE has ML-KEM only when it
 * runs over the Bouncy Castle provider) and exposes no API for the result. But a client engine of the same context
 * puts exactly that list, in that order, into its ClientHello's {@code supported_groups}; a TLS 1.3 server engine
 * of the context starts from the same list and the same filters ({@code NamedGroupInfo.createPerConnection}). So
 * this writes one ClientHello into memory, reads it back with {@link ClientHelloParser}, and discards the engine.
 * Nothing goes on the network.
 */
final class GroupProbe {

    private GroupProbe() {
    }

    /** The effective TLS 1.3 groups of an initialized BCJSSE context, in its preference order. */
    static List<Integer> tls13Groups(SSLContext bcContext) throws SSLException {
        SSLEngine engine = bcContext.createSSLEngine();
        try {
            engine.setUseClientMode(true);
            engine.setEnabledProtocols(new String[] {"TLSv1.3"});
            // jdk.tls.client.cipherSuites may exclude TLS 1.3 suites; the server side does not care, so neither do we.
            engine.setEnabledCipherSuites(Arrays.stream(engine.getSupportedCipherSuites())
                    .filter(s -> s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_"))
                    .toArray(String[]::new));
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), out);
            if (result.getStatus() != SSLEngineResult.Status.OK) {
                throw new SSLException("could not write a TLS 1.3 ClientHello: " + result.getStatus());
            }
            out.flip();
            ClientHelloAssembler assembler = new ClientHelloAssembler();
            while (!assembler.isComplete()) {
                if (assembler.offer(out) == 0) {
                    throw new SSLException("the probe ClientHello is incomplete");
                }
            }
            return ClientHelloParser.parse(assembler.message()).supportedGroups();
        } finally {
            engine.closeOutbound();
        }
    }
}
