package io.pqws.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The s_client output parser on output recorded from OpenSSL 3.5.9 (Debian trixie) against this project's BCJSSE
 * test server and against {@code openssl s_server}, so it is checked without the chroot. OpenSSL prints the group
 * two ways: {@code Negotiated TLS1.3 group: NAME} for groups without a classic peer key (hybrids, ML-KEM), and
 * {@code Peer Temp Key: ...} for classic ones.
 */
class OpenSslPeerParseTest {

    @Test
    void briefHybrid() {
        OpenSslPeer.Result result = OpenSslPeer.parse("""
                Connecting to 127.0.0.1
                CONNECTION ESTABLISHED
                Protocol version: TLSv1.3
                Ciphersuite: TLS_AES_256_GCM_SHA384
                Peer certificate: CN=localhost
                Hash used: SHA256
                Signature type: ecdsa_secp256r1_sha256
                Verification: OK
                Verified peername: localhost
                Negotiated TLS1.3 group: X25519MLKEM768
                DONE
                """, 0);
        assertTrue(result.handshakeCompleted());
        assertEquals("TLSv1.3", result.protocol());
        assertEquals("TLS_AES_256_GCM_SHA384", result.cipher());
        assertEquals("X25519MLKEM768", result.group());
        assertTrue(result.verified());
        assertEquals("ecdsa_secp256r1_sha256", result.signatureType());
    }

    /** Recorded from OpenSSL 3.5.9 against the hybrid-mldsa profile: a fully post-quantum handshake. */
    @Test
    void briefMlDsa() {
        OpenSslPeer.Result result = OpenSslPeer.parse("""
                Connecting to 127.0.0.1
                CONNECTION ESTABLISHED
                Protocol version: TLSv1.3
                Ciphersuite: TLS_AES_256_GCM_SHA384
                Requested Signature Algorithms: id-ml-dsa-65:id-ml-dsa-87:id-ml-dsa-44:ECDSA+SHA256:ed25519
                Peer certificate: O=pqws dev, CN=localhost
                Hash used: UNDEF
                Signature type: mldsa65
                Verification: OK
                Verified peername: localhost
                Negotiated TLS1.3 group: X25519MLKEM768
                DONE
                """, 0);
        assertEquals("mldsa65", result.signatureType());
        assertEquals("X25519MLKEM768", result.group());
        assertTrue(result.verified());
    }

    @Test
    void briefClassicGroupsUnderTheirStandardNames() {
        assertEquals("x25519", groupOf("Peer Temp Key: X25519, 253 bits"));
        assertEquals("secp256r1", groupOf("Peer Temp Key: ECDH, prime256v1, 256 bits"));
        assertEquals("secp384r1", groupOf("Peer Temp Key: ECDH, secp384r1, 384 bits"));
        assertEquals("x448", groupOf("Peer Temp Key: X448, 448 bits"));
        assertEquals("ffdhe2048", groupOf("Peer Temp Key: DH, 2048 bits"));
    }

    @Test
    void briefVerificationError() {
        OpenSslPeer.Result result = OpenSslPeer.parse("""
                Connecting to 127.0.0.1
                depth=0 CN=localhost
                verify error:num=18:self-signed certificate
                CONNECTION ESTABLISHED
                Protocol version: TLSv1.3
                Ciphersuite: TLS_AES_256_GCM_SHA384
                Peer certificate: CN=localhost
                Hash used: SHA256
                Signature type: ecdsa_secp256r1_sha256
                Verification error: self-signed certificate
                Peer Temp Key: X25519, 253 bits
                DONE
                """, 0);
        assertTrue(result.handshakeCompleted());
        assertFalse(result.verified());
        assertEquals("self-signed certificate", result.verification());
    }

    @Test
    void briefHandshakeFailure() {
        OpenSslPeer.Result result = OpenSslPeer.parse("""
                Connecting to 127.0.0.1
                40E748E8557F0000:error:0A000410:SSL routines:ssl3_read_bytes:ssl/tls alert handshake \
                failure:../ssl/record/rec_layer_s3.c:918:SSL alert number 40
                """, 1);
        assertFalse(result.handshakeCompleted());
        assertNull(result.protocol());
        assertNull(result.group());
        assertNull(result.verification());
        assertEquals(1, result.exitCode());
    }

    @Test
    void normalModeHybrid() {
        OpenSslPeer.Result result = OpenSslPeer.parse("""
                Connecting to 127.0.0.1
                CONNECTED(00000003)
                ---
                No client certificate CA names sent
                Peer signing digest: SHA256
                Peer signature type: ecdsa_secp256r1_sha256
                Negotiated TLS1.3 group: X25519MLKEM768
                ---
                SSL handshake has read 1779 bytes and written 1573 bytes
                Verification error: self-signed certificate
                ---
                New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384
                Protocol: TLSv1.3
                Server public key is 256 bit
                Verify return code: 18 (self-signed certificate)
                ---
                DONE
                """, 0);
        assertTrue(result.handshakeCompleted());
        assertEquals("TLSv1.3", result.protocol());
        assertEquals("TLS_AES_256_GCM_SHA384", result.cipher());
        assertEquals("X25519MLKEM768", result.group());
        assertEquals("self-signed certificate", result.verification());
    }

    /** With {@code -alpn} s_client runs in normal mode, which names the protocol the server selected, or none. */
    @Test
    void normalModeAlpn() {
        String session = """
                CONNECTED(00000003)
                Negotiated TLS1.3 group: X25519MLKEM768
                Verification: OK
                ---
                New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384
                Protocol: TLSv1.3
                %s
                Verify return code: 0 (ok)
                ---
                DONE
                """;
        OpenSslPeer.Result h2 = OpenSslPeer.parse(session.formatted("ALPN protocol: h2"), 0);
        assertEquals("h2", h2.alpnProtocol());
        assertEquals("X25519MLKEM768", h2.group());
        assertTrue(h2.verified());
        assertNull(OpenSslPeer.parse(session.formatted("No ALPN negotiated"), 0).alpnProtocol());
    }

    /** Normal mode prints a session block even when the handshake failed, with a misleading "Verification: OK". */
    @Test
    void normalModeHandshakeFailure() {
        OpenSslPeer.Result result = OpenSslPeer.parse("""
                Connecting to 127.0.0.1
                402788E6407F0000:error:0A000410:SSL routines:ssl3_read_bytes:ssl/tls alert handshake failure
                CONNECTED(00000003)
                ---
                no peer certificate available
                ---
                No client certificate CA names sent
                Negotiated TLS1.3 group: <NULL>
                ---
                SSL handshake has read 7 bytes and written 382 bytes
                Verification: OK
                ---
                New, (NONE), Cipher is (NONE)
                Protocol: TLSv1.3
                ---
                """, 1);
        assertFalse(result.handshakeCompleted());
        assertNull(result.group());
        assertFalse(result.verified());
    }

    private static String groupOf(String tempKeyLine) {
        return OpenSslPeer.parse("CONNECTION ESTABLISHED\n" + tempKeyLine + "\n", 0).group();
    }
}
