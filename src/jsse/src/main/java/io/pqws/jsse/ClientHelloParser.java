package io.pqws.jsse;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLProtocolException;

/**
 * Parses one ClientHello handshake message (RFC 8446 4.1.2, RFC 5246 7.4.1.2) strictly: every length must match
 * exactly, nothing may trail, and an extension may appear only once. It reads what the key-exchange policy needs,
 * strictly, and what the client's fingerprint needs ({@link Ja4}: cipher suites, extension types, the first ALPN
 * protocol, the signature algorithms), leniently: an unreadable ALPN or signature-algorithms extension is left out of
 * the fingerprint, never a reason to refuse. Bouncy Castle parses the message again, fully, once the policy lets it
 * through.
 */
final class ClientHelloParser {

    static final int HANDSHAKE_TYPE_CLIENT_HELLO = 1;
    static final int HANDSHAKE_HEADER_LENGTH = 4;

    private static final int EXT_SUPPORTED_GROUPS = 10;
    private static final int EXT_SIGNATURE_ALGORITHMS = 13;
    private static final int EXT_ALPN = 16;
    private static final int EXT_SUPPORTED_VERSIONS = 43;
    private static final int EXT_KEY_SHARE = 51;

    private ClientHelloParser() {
    }

    /**
     * @param message a complete handshake message: the 4-byte header (type, uint24 length) and its body, nothing more
     * @throws SSLProtocolException if it is not a well-formed ClientHello
     */
    static ClientHello parse(ByteBuffer message) throws SSLProtocolException {
        ByteBuffer in = message.slice();
        try {
            int type = u8(in);
            if (type != HANDSHAKE_TYPE_CLIENT_HELLO) {
                throw malformed("handshake message type %d is not client_hello(1)", type);
            }
            int length = u24(in);
            if (length != in.remaining()) {
                throw malformed("handshake length %d does not match the %d bytes present", length, in.remaining());
            }
            return body(in);
        } catch (BufferUnderflowException e) {
            SSLProtocolException malformed = malformed("truncated ClientHello");
            malformed.initCause(e);
            throw malformed;
        }
    }

    private static ClientHello body(ByteBuffer in) throws SSLProtocolException {
        int legacyVersion = u16(in);
        skip(in, 32); // random
        int sessionIdLength = u8(in);
        if (sessionIdLength > 32) {
            throw malformed("legacy_session_id of %d bytes (at most 32)", sessionIdLength);
        }
        skip(in, sessionIdLength);
        int cipherSuitesLength = u16(in);
        if (cipherSuitesLength < 2 || cipherSuitesLength % 2 != 0) {
            throw malformed("cipher_suites length %d (must be even and at least 2)", cipherSuitesLength);
        }
        List<Integer> cipherSuites = new ArrayList<>(cipherSuitesLength / 2);
        for (int i = 0; i < cipherSuitesLength / 2; i++) {
            cipherSuites.add(u16(in));
        }
        int compressionLength = u8(in);
        if (compressionLength < 1) {
            throw malformed("empty legacy_compression_methods");
        }
        skip(in, compressionLength);

        List<Integer> versions = List.of();
        List<Integer> groups = List.of();
        List<Integer> shares = List.of();
        List<Integer> types = new ArrayList<>();
        String alpn = null;
        List<Integer> signatureAlgorithms = List.of();
        if (!in.hasRemaining()) {
            // An SSL 3.0 / TLS 1.0-style hello: no extensions at all.
            return new ClientHello(legacyVersion, versions, groups, shares, cipherSuites, types, alpn,
                    signatureAlgorithms);
        }
        ByteBuffer extensions = sub(in, u16(in), "extensions");
        if (in.hasRemaining()) {
            throw malformed("%d bytes after the extensions", in.remaining());
        }
        Set<Integer> seen = new HashSet<>();
        while (extensions.hasRemaining()) {
            int extensionType = u16(extensions);
            ByteBuffer data = sub(extensions, u16(extensions), "extension " + extensionType);
            if (!seen.add(extensionType)) {
                throw malformed("extension %d appears twice", extensionType);
            }
            types.add(extensionType);
            switch (extensionType) {
                case EXT_SUPPORTED_GROUPS:
                    groups = supportedGroups(data);
                    break;
                case EXT_SUPPORTED_VERSIONS:
                    versions = supportedVersions(data);
                    break;
                case EXT_KEY_SHARE:
                    shares = keyShares(data);
                    break;
                case EXT_ALPN:
                    alpn = firstAlpn(data);
                    break;
                case EXT_SIGNATURE_ALGORITHMS:
                    signatureAlgorithms = signatureAlgorithms(data);
                    break;
                default:
                    break;
            }
        }
        return new ClientHello(legacyVersion, versions, groups, shares, cipherSuites, types, alpn,
                signatureAlgorithms);
    }

    /** The first protocol name, or {@code null} when the extension cannot be read. */
    private static String firstAlpn(ByteBuffer data) {
        try {
            ByteBuffer list = sub(data, u16(data), "application_layer_protocol_negotiation");
            byte[] name = new byte[u8(list)];
            if (name.length == 0) {
                return null;
            }
            list.get(name);
            return new String(name, StandardCharsets.ISO_8859_1);
        } catch (SSLProtocolException | BufferUnderflowException unreadable) {
            return null;
        }
    }

    /** The algorithms in client order, or none when the extension cannot be read. */
    private static List<Integer> signatureAlgorithms(ByteBuffer data) {
        try {
            ByteBuffer list = sub(data, u16(data), "signature_algorithms");
            List<Integer> algorithms = new ArrayList<>(list.remaining() / 2);
            while (list.remaining() >= 2) {
                algorithms.add(u16(list));
            }
            return algorithms;
        } catch (SSLProtocolException | BufferUnderflowException unreadable) {
            return List.of();
        }
    }

    private static List<Integer> supportedGroups(ByteBuffer data) throws SSLProtocolException {
        ByteBuffer list = sub(data, u16(data), "supported_groups");
        requireConsumed(data, "supported_groups");
        if (list.remaining() < 2 || list.remaining() % 2 != 0) {
            throw malformed("supported_groups list of %d bytes (must be even and at least 2)", list.remaining());
        }
        List<Integer> groups = new ArrayList<>(list.remaining() / 2);
        while (list.hasRemaining()) {
            groups.add(u16(list));
        }
        return groups;
    }

    private static List<Integer> supportedVersions(ByteBuffer data) throws SSLProtocolException {
        ByteBuffer list = sub(data, u8(data), "supported_versions");
        requireConsumed(data, "supported_versions");
        if (list.remaining() < 2 || list.remaining() % 2 != 0) {
            throw malformed("supported_versions list of %d bytes (must be even and at least 2)", list.remaining());
        }
        List<Integer> versions = new ArrayList<>(list.remaining() / 2);
        while (list.hasRemaining()) {
            versions.add(u16(list));
        }
        return versions;
    }

    private static List<Integer> keyShares(ByteBuffer data) throws SSLProtocolException {
        ByteBuffer list = sub(data, u16(data), "key_share");
        requireConsumed(data, "key_share");
        List<Integer> groups = new ArrayList<>();
        while (list.hasRemaining()) {
            int group = u16(list);
            int keyLength = u16(list);
            if (keyLength < 1) {
                throw malformed("empty key_exchange for group 0x%04X", group);
            }
            sub(list, keyLength, "key_exchange");
            groups.add(group);
        }
        return groups;
    }

    private static ByteBuffer sub(ByteBuffer in, int length, String what) throws SSLProtocolException {
        if (length > in.remaining()) {
            throw malformed("%s claims %d bytes but only %d remain", what, length, in.remaining());
        }
        ByteBuffer sub = in.slice();
        sub.limit(length);
        in.position(in.position() + length);
        return sub;
    }

    private static void requireConsumed(ByteBuffer data, String what) throws SSLProtocolException {
        if (data.hasRemaining()) {
            throw malformed("%d bytes after the %s list", data.remaining(), what);
        }
    }

    private static void skip(ByteBuffer in, int count) {
        if (count > in.remaining()) {
            throw new BufferUnderflowException();
        }
        in.position(in.position() + count);
    }

    private static int u8(ByteBuffer in) {
        return in.get() & 0xFF;
    }

    private static int u16(ByteBuffer in) {
        return in.getShort() & 0xFFFF;
    }

    private static int u24(ByteBuffer in) {
        return (u8(in) << 16) | u16(in);
    }

    private static SSLProtocolException malformed(String format, Object... args) {
        return new SSLProtocolException("malformed ClientHello: " + String.format(Locale.ROOT, format, args));
    }
}
