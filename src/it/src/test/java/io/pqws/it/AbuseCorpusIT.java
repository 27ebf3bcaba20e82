package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pqws.client.TlsProfile;
import io.pqws.client.WsMessage;
import io.pqws.client.WssClient;
import io.pqws.client.WssConnection;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The abuse corpus ({@code src/it/src/test/resources/abuse/corpus.tsv}), one dynamic test per case, against the built
 * WAR on a real Payara Micro with the {@code hybrid} profile and the module's default limits. Each case sends its bad
 * (or, for the positive controls, good) input over a fresh connection and checks the documented answer: a close code
 * with a reason fragment, an HTTP status, a refused TLS handshake. After each case, no answer carried a stack trace,
 * and a canary session opened at the start still echoes: the server and the other sessions were not affected.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AbuseCorpusIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long a {@code silent} case waits to see that nothing comes (a bound, not a sleep). */
    private static final Duration QUIET = Duration.ofMillis(400);
    private static final List<String> POOL = List.of("alice", "bob", "carol");
    /** What a stack trace (or an exception's name) looks like in an answer or a log line. */
    static final Pattern STACK_TRACE = Pattern.compile(
            "Exception|\\bat (io|org|java|jakarta|com|fish)\\.|\\.java:\\d+");
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Map<String, SSLContext> CONTEXTS = new HashMap<>();
    private static final List<WssConnection> CANARIES = new ArrayList<>();
    private static int canaryRound;

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @BeforeAll
    static void openCanaries() throws Exception {
        for (int i = 0; i < 3; i++) {
            CANARIES.add(new WssClient(PqwsServer.client(TlsProfile.HYBRID)).connect(PqwsServer.wss("echo"), WAIT));
        }
    }

    @AfterAll
    static void closeCanaries() {
        CANARIES.forEach(WssConnection::close);
    }

    @TestFactory
    Stream<DynamicTest> corpus() {
        List<AbuseCase> cases = AbuseCase.corpus();
        assertTrue(cases.size() >= 300, "the corpus has " + cases.size() + " cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            try {
                String evidence = run(c);
                assertFalse(STACK_TRACE.matcher(evidence).find(), "a stack trace reached the client: " + evidence);
                canaryStillEchoes(c);
            } catch (AssertionError | Exception e) {
                // the report names dynamic tests by index only: say which case failed
                throw new AssertionError(c.id() + " (corpus line " + c.line() + "): " + e, e);
            }
        }));
    }

    private static void canaryStillEchoes(AbuseCase after) throws Exception {
        WssConnection canary = CANARIES.get(canaryRound++ % CANARIES.size());
        String text = "canary after " + after.id();
        canary.sendText(text);
        assertEquals(new WsMessage.Text(text), canary.nextMessage(WAIT), "the canary session after " + after.id());
    }

    /** Runs the case and returns everything the server said, for the stack trace check. */
    private static String run(AbuseCase c) throws Exception {
        return switch (c.who()) {
            case "raw" -> rawTls(c);
            default -> c.steps().stream().anyMatch(s -> s.startsWith("post ")) ? post(c) : webSocket(c);
        };
    }

    // --- WebSocket cases -------------------------------------------------------------------------------------------

    private static String webSocket(AbuseCase c) throws Exception {
        String user = user(c);
        String head;
        AbuseWire wire;
        try {
            wire = AbuseWire.tls(context(c.who(), user), WAIT);
        } catch (IOException refused) {
            assertEquals("tls-alert", c.expectKind(), "the TLS handshake failed: " + refused);
            return "";
        }
        try (wire) {
            head = requestHead(c, user);
            AbuseWire.HttpAnswer answer;
            try {
                answer = wire.request(head);
            } catch (IOException refused) {
                if (c.expectKind().equals("http") && c.expectArgs()[0].equals("400") && head.length() > 65_536) {
                    // the server answers 400 without reading the rest of an oversized head: the reset that follows
                    // can cut off the client's writing (AbuseWire.RequestCutOff) or overtake the answer
                    return "";
                }
                // TLS 1.3: a client certificate is checked after the client's Finished, so the alert comes here
                assertEquals("tls-alert", c.expectKind(), "no HTTP answer: " + refused);
                return "";
            }
            if (c.expectKind().equals("http")) {
                assertEquals(Integer.parseInt(c.expectArgs()[0]), answer.status(), answer.head());
                if (c.expectArgs().length > 1) {
                    assertTrue(answer.body().contains(c.expectArgs()[1]), "the body lacks the reason: " + answer.body());
                }
                return answer.head() + answer.body();
            }
            assertEquals(101, answer.status(), "the upgrade was refused: " + answer.head() + answer.body());
            for (String step : c.steps()) {
                byte[] frame = frameOf(step);
                if (frame != null) {
                    try {
                        wire.write(frame);
                    } catch (IOException closedWhileSending) {
                        break; // the server already ended the connection; what it said is read below
                    }
                }
            }
            return expectFrames(c, wire, user);
        }
    }

    private static String requestHead(AbuseCase c, String user) throws Exception {
        String method = "GET";
        String version = "HTTP/1.1";
        String path = "/" + PqwsServer.CONTEXT + "/" + AbuseCase.expand(c.path());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", new ArrayList<>(List.of("localhost:" + PqwsServer.httpsPort())));
        headers.put("Upgrade", new ArrayList<>(List.of("websocket")));
        headers.put("Connection", new ArrayList<>(List.of("Upgrade")));
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        headers.put("Sec-WebSocket-Key", new ArrayList<>(List.of(Base64.getEncoder().encodeToString(nonce))));
        headers.put("Sec-WebSocket-Version", new ArrayList<>(List.of("13")));
        if (c.who().equals("ticket")) {
            headers.put("Sec-WebSocket-Protocol",
                    new ArrayList<>(List.of("pqws.v1, pqws.ticket." + Users.ticketFor(user))));
        } else if (c.who().equals("used-ticket")) {
            String ticket = Users.ticketFor(user);
            Users.connectWithTicket(ticket, "notifications").close();
            headers.put("Sec-WebSocket-Protocol", new ArrayList<>(List.of("pqws.v1, pqws.ticket." + ticket)));
        }
        for (String step : c.steps()) {
            String withValues = step.replace("{port}", Integer.toString(PqwsServer.httpsPort()))
                    .replace("{ticket}", step.contains("{ticket}") ? Users.ticketFor(user) : "");
            String resolved = new String(AbuseCase.bytes(withValues), StandardCharsets.ISO_8859_1);
            if (resolved.startsWith("method ")) {
                method = resolved.substring(7);
            } else if (resolved.startsWith("version ")) {
                version = resolved.substring(8);
            } else if (resolved.startsWith("rawpath ")) {
                path = resolved.substring(8);
            } else if (resolved.startsWith("-")) {
                headers.remove(resolved.substring(1));
            } else if (resolved.startsWith("+") || resolved.startsWith("=")) {
                int colon = resolved.indexOf(':');
                String name = resolved.substring(1, colon);
                String value = resolved.substring(colon + 1).strip();
                if (resolved.startsWith("=")) {
                    headers.put(name, new ArrayList<>(List.of(value)));
                } else {
                    headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            } else if (resolved.startsWith("line ")) {
                headers.computeIfAbsent("", n -> new ArrayList<>()).add(resolved.substring(5));
            }
        }
        StringBuilder head = new StringBuilder(method + " " + path + " " + version + "\r\n");
        headers.forEach((name, values) -> values.forEach(
                value -> head.append(name.isEmpty() ? value : name + ": " + value).append("\r\n")));
        return head.append("\r\n").toString();
    }

    /** The frame a step describes, or null for a handshake step. */
    private static byte[] frameOf(String step) {
        String[] words = step.split(" ", 2);
        String rest = words.length > 1 ? words[1] : "";
        switch (words[0]) {
            case "text":
                return AbuseWire.frame(0x1, true, 0, true, AbuseCase.bytes(rest).length, AbuseCase.bytes(rest));
            case "binary": {
                byte[] payload = AbuseCase.bytes(rest);
                return AbuseWire.frame(0x2, true, 0, true, payload.length, payload);
            }
            case "close": {
                String[] parts = rest.split(" ", 2);
                byte[] reason = parts.length > 1 ? AbuseCase.bytes(parts[1]) : new byte[0];
                int code = Integer.parseInt(parts[0]);
                byte[] payload = new byte[2 + reason.length];
                payload[0] = (byte) (code >> 8);
                payload[1] = (byte) code;
                System.arraycopy(reason, 0, payload, 2, reason.length);
                return AbuseWire.frame(0x8, true, 0, true, payload.length, payload);
            }
            case "frame": {
                // frame OPCODE FLAGS [len=N] PAYLOAD; FLAGS: F fin, M masked, 1/2/3 RSV1-3, - none
                String[] parts = rest.split(" ", 3);
                int opcode = Integer.parseInt(parts[0], 16);
                String flags = parts[1];
                String payloadNotation = parts.length > 2 ? parts[2] : "";
                Long declared = null;
                if (payloadNotation.startsWith("len=")) {
                    String[] lenAndPayload = payloadNotation.split(" ", 2);
                    declared = Long.parseUnsignedLong(lenAndPayload[0].substring(4));
                    payloadNotation = lenAndPayload.length > 1 ? lenAndPayload[1] : "";
                }
                byte[] payload = AbuseCase.bytes(payloadNotation);
                int rsv = (flags.contains("1") ? 4 : 0) | (flags.contains("2") ? 2 : 0) | (flags.contains("3") ? 1 : 0);
                return AbuseWire.frame(opcode, flags.contains("F"), rsv, flags.contains("M"),
                        declared == null ? payload.length : declared, payload);
            }
            default:
                return null;
        }
    }

    private static String expectFrames(AbuseCase c, AbuseWire wire, String user) throws Exception {
        StringBuilder said = new StringBuilder();
        String[] args = c.expectArgs();
        switch (c.expectKind()) {
            case "close", "ended" -> {
                for (int i = 0; i < 2000; i++) {
                    Optional<AbuseWire.Frame> frame = wire.nextFrame(false);
                    if (frame.isEmpty()) {
                        assertEquals("ended", c.expectKind(), "the connection ended without a close frame: " + said);
                        return said.toString();
                    }
                    said.append(frame.get().text()).append('\n');
                    if (frame.get().opcode() == 0x8) {
                        assertEquals("close", c.expectKind(), "a close frame came: " + said);
                        assertEquals(Integer.parseInt(args[0]), frame.get().closeCode(), said.toString());
                        if (args.length > 1) {
                            assertTrue(frame.get().text().contains(args[1]),
                                    "close reason '" + frame.get().text() + "' lacks '" + args[1] + "'");
                        }
                        return said.toString();
                    }
                }
                fail("no close after 2000 frames");
            }
            case "text", "pong", "binary-length" -> {
                int opcode = c.expectKind().equals("text") ? 0x1 : c.expectKind().equals("pong") ? 0xA : 0x2;
                String expected = args.length > 0 ? String.join(" ", args) : "";
                for (int i = 0; i < 20; i++) {
                    AbuseWire.Frame frame = wire.nextFrame(false)
                            .orElseThrow(() -> new AssertionError("the connection ended: " + said));
                    said.append(frame.text()).append('\n');
                    if (frame.opcode() == opcode) {
                        if (opcode == 0x2) {
                            assertEquals(Integer.parseInt(expected), frame.payload().length);
                        } else {
                            assertArrayEquals(AbuseCase.bytes(expected), frame.payload(), said.toString());
                        }
                        return said.toString();
                    }
                    assertFalse(frame.opcode() == 0x8, "closed instead: " + said);
                }
                fail("no matching frame among 20: " + said);
            }
            case "json" -> {
                for (int i = 0; i < 20; i++) {
                    AbuseWire.Frame frame = wire.nextFrame(false)
                            .orElseThrow(() -> new AssertionError("the connection ended: " + said));
                    said.append(frame.text()).append('\n');
                    assertFalse(frame.opcode() == 0x8, "closed instead: " + said);
                    JsonObject json = json(frame.text());
                    if (json.getString("type").equals(args[0])) {
                        if (args.length > 1) {
                            String[] field = args[1].split("=", 2);
                            String value = field[1].replace("$me", Users.principal(user));
                            JsonValue actual = json.get(field[0]);
                            assertEquals(value, actual instanceof JsonString s ? s.getString()
                                    : String.valueOf(actual), said.toString());
                        }
                        return said.toString();
                    }
                }
                fail("no '" + args[0] + "' among 20 messages: " + said);
            }
            case "silent" -> {
                wire.setReadTimeout(QUIET);
                Optional<AbuseWire.Frame> frame = wire.nextFrame(true);
                frame.ifPresent(f -> said.append(f.text()));
                assertTrue(frame.isEmpty() && wire.stillOpen(), "expected nothing yet, got " + frame);
                return said.toString();
            }
            default -> fail("unknown expectation " + c.expect());
        }
        return said.toString();
    }

    // --- REST cases ------------------------------------------------------------------------------------------------

    private static String post(AbuseCase c) throws Exception {
        String body = AbuseCase.expand(c.steps().get(0).substring(5));
        String user = c.who().equals("anon") ? null : c.who();
        HttpResponse<String> response = Users.post(user, c.path(), body);
        assertEquals("http", c.expectKind(), c.expect());
        assertEquals(Integer.parseInt(c.expectArgs()[0]), response.statusCode(), response.body());
        if (c.expectArgs().length > 1) {
            assertTrue(response.body().contains(c.expectArgs()[1]), response.body());
        }
        return response.body();
    }

    // --- hand-written TLS records ----------------------------------------------------------------------------------

    private static String rawTls(AbuseCase c) throws Exception {
        try (AbuseWire wire = AbuseWire.tcp(WAIT)) {
            for (String step : c.steps()) {
                wire.write(step.startsWith("hello ") ? ClientHellos.fromNotation(step.substring(6))
                        : AbuseCase.bytes(step));
            }
            byte[] answer = wire.readUpTo(7);
            boolean serverHello = ClientHellos.isServerHello(answer);
            String what = ClientHellos.describe(answer);
            switch (c.expectKind()) {
                case "tls-alert" -> {
                    assertFalse(serverHello, "the server answered with a ServerHello");
                    if (c.expectArgs().length > 0) {
                        assertEquals("alert " + c.expectArgs()[0], what);
                    }
                }
                case "tls-hello" -> assertTrue(serverHello, what);
                default -> fail("unknown expectation for raw TLS: " + c.expect());
            }
            return what;
        }
    }

    // --- identities ------------------------------------------------------------------------------------------------

    private static String user(AbuseCase c) {
        return switch (c.who()) {
            case "user", "ticket", "used-ticket" -> POOL.get(c.line() % POOL.size());
            case "alice", "bob", "carol", "portal" -> c.who();
            default -> "alice";
        };
    }

    private static SSLContext context(String who, String user) throws Exception {
        String key = switch (who) {
            case "user" -> user;
            case "anon", "ticket", "used-ticket" -> "anon";
            default -> who;
        };
        synchronized (CONTEXTS) {
            SSLContext known = CONTEXTS.get(key);
            if (known != null) {
                return known;
            }
            KeyStore keys = switch (key) {
                case "anon" -> null;
                case "expired-cert", "future-cert", "untrusted-cert", "server-only-cert" ->
                    RogueCertificates.keyStore(key);
                default -> PqwsServer.clientCertificate(key).keyStore();
            };
            TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
            trust.init(PqwsServer.trustStore());
            KeyManagerFactory keyManagers = null;
            if (keys != null) {
                keyManagers = KeyManagerFactory.getInstance("PKIX");
                keyManagers.init(keys, PqwsServer.STORE_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
            CONTEXTS.put(key, context);
            return context;
        }
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
