package io.pqws.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Every setting's default, its rule, and the message a bad value fails deployment with. */
class PqwsSettingsTest {

    @Test
    void defaultsAreSafeAndMatchTheDocumentedTable() {
        PqwsSettings settings = PqwsSettings.from(Map.of());
        AccessSettings access = settings.access();
        assertTrue(access.allowSameOrigin());
        assertEquals(List.of(), access.allowedOrigins());
        assertTrue(access.requireTls());
        assertEquals(Duration.ofSeconds(30), access.ticketLifetime());
        assertEquals(10_000, access.maxPendingTickets());
        assertEquals(Map.of(), access.roleMembers());
        assertEquals(new LimitSettings(65_536, 65_536, 20, 40, Duration.ofMinutes(10), 10, 256), settings.limits());
        assertEquals(new ChatSettings(50, 100, 1_000), settings.chat());
        assertEquals(new NotificationSettings(100, 10_000, 50), settings.notifications());
        assertEquals("loopback", settings.operatorAccess().toString());
        assertTrue(settings.operatorAccess().allows("::1"));
        assertFalse(settings.operatorAccess().allows("192.0.2.7"), "operator pages are for loopback by default");
        assertEquals(String.valueOf(settings.limits().maxTextBytes()), PqwsSettings.DEFAULTS.get(
                PqwsSettings.MAX_TEXT_BYTES), "DEFAULTS says what from() does");
    }

    @Test
    void valuesAreRead() {
        PqwsSettings settings = PqwsSettings.from(Map.of(
                PqwsSettings.ORIGINS_ALLOWED, "self, https://Portal.Example.com:443, http://intranet:8080",
                PqwsSettings.MAX_TEXT_BYTES, " 4096 ",
                PqwsSettings.REQUIRE_TLS, "FALSE",
                "pqws.roles.pqws-publisher", "CN=portal, O=Example|CN=ops,O=Example",
                "pqws.profile", "hybrid")); // another feature's property: not ours to judge
        assertEquals(List.of(new WebOrigin("https", "portal.example.com", -1),
                new WebOrigin("http", "intranet", 8080)), settings.access().allowedOrigins());
        assertEquals(4096, settings.limits().maxTextBytes());
        assertFalse(settings.access().requireTls());
        assertEquals(Map.of("pqws-publisher", Set.of("CN=portal,O=Example", "CN=ops,O=Example")),
                settings.access().roleMembers());
    }

    @Test
    void everyProblemIsReportedAtOnceWithKeyValueAndRule() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> PqwsSettings.from(Map.of(
                PqwsSettings.MAX_TEXT_BYTES, "64k",
                PqwsSettings.IDLE_TIMEOUT, "0",
                PqwsSettings.REQUIRE_TLS, "yes",
                PqwsSettings.ORIGINS_ALLOWED, "*")));
        assertEquals(List.of(
                "pqws.origins.allowed: '*' is not allowed: list each origin (scheme://host[:port])",
                "pqws.origins.allowed lists no origin; use 'self' for pages of this server",
                "pqws.auth.require-tls='yes' must be true or false (default true)",
                "pqws.limits.max-text-bytes='64k' must be a whole number from 64 to 1048576 (default 65536)",
                "pqws.limits.idle-timeout-seconds='0' must be a whole number from 1 to 86400 (default 600)"),
                e.problems());
        assertTrue(e.getMessage().startsWith("invalid pqws settings: pqws.origins.allowed: '*'"), e.getMessage());
    }

    @Test
    void aTypoInAKeyIsReportedWithTheKeyItProbablyMeant() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> PqwsSettings.from(Map.of("pqws.limits.max-text-byte", "1000")));
        assertEquals(List.of("unknown setting pqws.limits.max-text-byte (did you mean pqws.limits.max-text-bytes?)"),
                e.problems());
    }

    @Test
    void badOriginsAndRoleMappingsAreRefused() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> PqwsSettings.from(Map.of(
                PqwsSettings.ORIGINS_ALLOWED, "self,https://portal.example.com/app,ftp://files",
                "pqws.roles.pqws-user", "CN=alice",
                "pqws.roles.bad role", "CN=alice",
                "pqws.roles.ops", "CN=,,")));
        assertEquals(List.of(
                "pqws.origins.allowed: 'https://portal.example.com/app' is not an origin (scheme://host[:port], no path)",
                "pqws.origins.allowed: 'ftp://files' is not an http or https origin",
                "pqws.roles.bad role: role name 'bad role' must be letters, digits, '.', '_' or '-'",
                "pqws.roles.ops: 'CN=,,' is not a valid X.500 name (e.g. CN=alice,O=example)",
                "pqws.roles.ops names nobody; list principal names separated by '|' or remove it",
                "pqws.roles.pqws-user: every authenticated user has role pqws-user; it cannot be mapped"),
                e.problems());
    }

    @Test
    void theOutgoingQueueMustHoldAReplayOfTheBacklog() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> PqwsSettings.from(Map.of(
                PqwsSettings.OUTGOING_QUEUE, "50", PqwsSettings.NOTIFICATION_BACKLOG, "100")));
        assertEquals(List.of("pqws.limits.outgoing-queue=50 must be at least pqws.notifications.backlog + 2 (102), "
                + "so that a reconnecting client's replay fits"), e.problems());
        assertEquals(102, PqwsSettings.from(Map.of(PqwsSettings.OUTGOING_QUEUE, "102",
                PqwsSettings.NOTIFICATION_BACKLOG, "100")).limits().outgoingQueue(), "positive control");
    }

    @Test
    void anEmptyValueIsAnErrorNotTheDefault() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> PqwsSettings.from(Map.of(PqwsSettings.BURST, " ")));
        assertEquals(List.of("pqws.limits.burst is empty; remove it to use the default"), e.problems());
    }

    @Test
    void theFanOutEngineIsOneOfTheKnownOnesAndLocalByDefault() {
        assertEquals(FanOutEngine.LOCAL, PqwsSettings.from(Map.of()).fanOut());
        assertEquals(FanOutEngine.HAZELCAST, PqwsSettings.from(Map.of(PqwsSettings.FANOUT, "Hazelcast")).fanOut(),
                "positive control");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> PqwsSettings.from(Map.of(PqwsSettings.FANOUT, "redis", "pqws.fanout.hazelcast.name", "x")));
        assertEquals(List.of("pqws.fanout='redis' must be one of local, hazelcast, jms (default local)",
                "unknown setting pqws.fanout.hazelcast.name"), e.problems());
    }

    @Test
    void theJmsNamesHaveWildFlyDefaultsAndMustBeJndiNames() {
        assertEquals(new JmsSettings("java:/ConnectionFactory", "java:/jms/topic/pqws"), PqwsSettings.from(Map.of()).jms());
        PqwsSettings payara = PqwsSettings.from(Map.of(PqwsSettings.FANOUT, "jms",
                PqwsSettings.JMS_CONNECTION_FACTORY, "jms/pqwsFactory", PqwsSettings.JMS_TOPIC, "jms/pqws"));
        assertEquals(FanOutEngine.JMS, payara.fanOut(), "positive control");
        assertEquals(new JmsSettings("jms/pqwsFactory", "jms/pqws"), payara.jms());
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> PqwsSettings.from(Map.of(PqwsSettings.JMS_TOPIC, "java:/jms/topic/pqws; rm")));
        assertEquals(List.of("pqws.fanout.jms.topic='java:/jms/topic/pqws; rm' must be a JNDI name: letters, digits, "
                + "':', '/', '.', '_' or '-' (default java:/jms/topic/pqws)"), e.problems());
    }

    @Test
    void operatorAccessIsOneOfTheSettings() {
        assertTrue(PqwsSettings.from(Map.of(PqwsSettings.OPERATOR_ALLOWED_CLIENTS, "loopback, 10.0.0.0/8"))
                .operatorAccess().allows("10.1.2.3"));
        InvalidSettingsException bad = assertThrows(InvalidSettingsException.class,
                () -> PqwsSettings.from(Map.of(PqwsSettings.OPERATOR_ALLOWED_CLIENTS, "example.com")));
        assertEquals(List.of("pqws.operator.allowed-clients: 'example.com' is not an IPv4 or IPv6 address literal "
                + "(expected loopback, any, an address or an address range such as 10.0.0.0/8) (default loopback)"),
                bad.problems());
        InvalidSettingsException renamed = assertThrows(InvalidSettingsException.class,
                () -> PqwsSettings.from(Map.of("pqws.operator.allowedClients", "any")));
        assertEquals(List.of("unknown setting pqws.operator.allowedClients (did you mean "
                + "pqws.operator.allowed-clients?)"), renamed.problems(), "the old spelling is not silently ignored");
    }
}
