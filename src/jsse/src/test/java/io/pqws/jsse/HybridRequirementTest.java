package io.pqws.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class HybridRequirementTest {

    private static final int TLS12 = 0x0303;
    private static final int TLS13 = 0x0304;
    private static final HybridRequirement SERVER = new HybridRequirement(
            List.of(Groups.X25519_MLKEM768, Groups.X25519, Groups.SECP256R1));

    private static ClientHello hello(List<Integer> versions, Integer... groups) {
        return new ClientHello(TLS12, versions, List.of(groups), List.of());
    }

    private static ClientHello tls13(Integer... groups) {
        return hello(List.of(TLS13, TLS12), groups);
    }

    private static Optional<HybridRequirement.Refusal> check(ClientHello hello) {
        return SERVER.check(hello, null, true);
    }

    @Test
    void aHybridTheServerAlsoListsIsAccepted() {
        assertEquals(Optional.empty(), check(tls13(Groups.X25519_MLKEM768)));
        assertEquals(Optional.empty(), check(tls13(0x0A0A, Groups.X25519, Groups.SECP256R1, Groups.X25519_MLKEM768)));
    }

    @Test
    void classicOnlyIsRefused() {
        HybridRequirement.Refusal refusal = check(tls13(Groups.X25519, Groups.SECP256R1)).orElseThrow();

        assertTrue(refusal.reason().startsWith(HybridRequirement.NO_HYBRID));
        assertTrue(refusal.reason().contains("server order selects x25519"), refusal.reason());
        assertFalse(refusal.misconfiguration());
    }

    @Test
    void aHybridTheServerDoesNotListIsRefused() {
        HybridRequirement.Refusal refusal = check(tls13(Groups.SECP256R1_MLKEM768, Groups.SECP384R1_MLKEM1024))
                .orElseThrow();

        assertTrue(refusal.reason().contains("client offered [SecP256r1MLKEM768, SecP384r1MLKEM1024]"),
                refusal.reason());
    }

    @Test
    void pureMlkemIsNotAHybrid() {
        HybridRequirement server = new HybridRequirement(List.of(0x0201, Groups.X25519_MLKEM768));

        assertTrue(server.check(tls13(0x0201, Groups.X25519_MLKEM768), null, true).isPresent());
    }

    @Test
    void noSupportedGroupsIsRefused() {
        assertTrue(check(tls13()).orElseThrow().reason().contains("no supported_groups extension"));
    }

    @Test
    void noTls13IsRefused() {
        assertTrue(check(hello(List.of(), Groups.X25519_MLKEM768)).orElseThrow().reason()
                .startsWith("client did not offer TLS 1.3"));
        assertTrue(check(hello(List.of(TLS12), Groups.X25519_MLKEM768)).isPresent());
    }

    @Test
    void aServerWithoutTls13IsAMisconfiguration() {
        assertTrue(SERVER.check(tls13(Groups.X25519_MLKEM768), null, false).orElseThrow().misconfiguration());
    }

    @Test
    void anEngineListIsResolvedTheWayBouncyCastleResolvesIt() {
        ClientHello mixed = tls13(Groups.X25519, Groups.X25519_MLKEM768, Groups.SECP256R1);

        assertEquals(Optional.empty(), SERVER.check(mixed, new String[] {"x25519mlkem768", "SECP256R1"}, true));
        assertTrue(SERVER.check(mixed, new String[] {"x25519", "X25519MLKEM768"}, true).orElseThrow().reason()
                .contains("server order selects x25519"));
        // The context never confirmed SecP256r1MLKEM768 works, so it does not count: x25519 would be next.
        assertTrue(SERVER.check(tls13(Groups.SECP256R1_MLKEM768, Groups.X25519),
                new String[] {"SecP256r1MLKEM768", "x25519"}, true).isPresent());
        HybridRequirement.Refusal unknown = SERVER.check(mixed, new String[] {"X25519MLKEM768", "nonsense"}, true)
                .orElseThrow();
        assertTrue(unknown.misconfiguration());
        assertTrue(unknown.reason().contains("nonsense"));
    }
}
