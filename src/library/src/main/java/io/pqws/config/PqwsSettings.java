package io.pqws.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every setting of the messaging, authentication, limits, operator-page and trusted-proxy features, read once from
 * {@code pqws.*} properties and validated as a whole.
 *
 * <p>Why one class: each setting has exactly one key, one default and one rule, listed in {@link #DEFAULTS} and in
 * {@code docs/messaging.md}; nothing else in the module reads a property. A bad value, or an unknown key under a
 * prefix this class owns (a typo), fails with {@link InvalidSettingsException} naming the key, which fails the
 * deployment: a security setting is never silently replaced by its default.
 */
public record PqwsSettings(AccessSettings access, LimitSettings limits, ChatSettings chat,
        NotificationSettings notifications, FanOutEngine fanOut, JmsSettings jms, OperatorAccessRule operatorAccess,
        ProxySettings proxy) {

    public static final String ORIGINS_ALLOWED = "pqws.origins.allowed";
    public static final String REQUIRE_TLS = "pqws.auth.require-tls";
    public static final String TICKET_TTL = "pqws.auth.ticket-ttl-seconds";
    public static final String MAX_PENDING_TICKETS = "pqws.auth.max-pending-tickets";
    /** Prefix of the role mapping: {@code pqws.roles.<role>=name|name|...}. */
    public static final String ROLES_PREFIX = "pqws.roles.";
    public static final String MAX_TEXT_BYTES = "pqws.limits.max-text-bytes";
    public static final String MAX_BINARY_BYTES = "pqws.limits.max-binary-bytes";
    public static final String MESSAGES_PER_SECOND = "pqws.limits.messages-per-second";
    public static final String BURST = "pqws.limits.burst";
    public static final String IDLE_TIMEOUT = "pqws.limits.idle-timeout-seconds";
    public static final String SESSIONS_PER_USER = "pqws.limits.sessions-per-user";
    public static final String OUTGOING_QUEUE = "pqws.limits.outgoing-queue";
    public static final String CHAT_HISTORY = "pqws.chat.history";
    public static final String CHAT_MAX_MEMBERS = "pqws.chat.max-members";
    public static final String CHAT_MAX_ROOMS = "pqws.chat.max-rooms";
    public static final String NOTIFICATION_BACKLOG = "pqws.notifications.backlog";
    public static final String NOTIFICATION_MAX_USERS = "pqws.notifications.max-users";
    public static final String NOTIFICATION_MAX_TOPICS = "pqws.notifications.max-topics";
    /** How chat rooms and notifications reach the other instances of a cluster: see {@code docs/scale-out.md}. */
    public static final String FANOUT = "pqws.fanout";
    /** JNDI name of the connection factory the {@code jms} engine uses. */
    public static final String JMS_CONNECTION_FACTORY = "pqws.fanout.jms.connection-factory";
    /** JNDI name of the topic the {@code jms} engine uses. */
    public static final String JMS_TOPIC = "pqws.fanout.jms.topic";
    /** Which client addresses may read the operator pages: see {@link OperatorAccessRule}. */
    public static final String OPERATOR_ALLOWED_CLIENTS = "pqws.operator.allowed-clients";

    /** Which TLS-terminating proxies are believed: see {@link ProxySettings} and {@code docs/behind-a-proxy.md}. */
    public static final String PROXY_TRUSTED = "pqws.proxy.trusted";
    public static final String PROXY_GROUP_HEADER = "pqws.proxy.header.group";
    public static final String PROXY_PROTOCOL_HEADER = "pqws.proxy.header.protocol";
    public static final String PROXY_CIPHER_HEADER = "pqws.proxy.header.cipher";
    public static final String PROXY_CLIENT_ADDRESS_HEADER = "pqws.proxy.header.client-address";

    /** The keys and their defaults, in documentation order. */
    public static final Map<String, String> DEFAULTS = defaults();

    /** Prefixes this class owns: any other key under them is a typo. Other {@code pqws.*} keys belong elsewhere. */
    static final List<String> OWNED_PREFIXES = List.of("pqws.origins.", "pqws.auth.", ROLES_PREFIX, "pqws.limits.",
            "pqws.chat.", "pqws.notifications.", FANOUT + ".", "pqws.operator.", "pqws.proxy.");

    /** Every authenticated user has this role; the module's endpoints require it. */
    public static final String USER_ROLE = "pqws-user";

    private static final Pattern JNDI_NAME = Pattern.compile("[A-Za-z0-9:/._-]{1,255}");
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The settings the {@code pqws.*} entries of {@code properties} describe (others are ignored). */
    public static PqwsSettings from(Map<String, String> properties) {
        SettingsReader reader = new SettingsReader(properties);
        AccessSettings access = access(reader);
        LimitSettings limits = new LimitSettings(
                reader.integer(MAX_TEXT_BYTES, 65_536, 64, LimitSettings.HARD_MAX_MESSAGE_BYTES),
                reader.integer(MAX_BINARY_BYTES, 65_536, 1, LimitSettings.HARD_MAX_MESSAGE_BYTES),
                reader.integer(MESSAGES_PER_SECOND, 20, 1, 10_000),
                reader.integer(BURST, 40, 1, 100_000),
                Duration.ofSeconds(reader.integer(IDLE_TIMEOUT, 600, 1, 86_400)),
                reader.integer(SESSIONS_PER_USER, 10, 1, 1_000),
                reader.integer(OUTGOING_QUEUE, 256, 1, 100_000));
        ChatSettings chat = new ChatSettings(
                reader.integer(CHAT_HISTORY, 50, 0, 1_000),
                reader.integer(CHAT_MAX_MEMBERS, 100, 1, 10_000),
                reader.integer(CHAT_MAX_ROOMS, 1_000, 1, 100_000));
        NotificationSettings notifications = new NotificationSettings(
                reader.integer(NOTIFICATION_BACKLOG, 100, 1, 10_000),
                reader.integer(NOTIFICATION_MAX_USERS, 10_000, 1, 1_000_000),
                reader.integer(NOTIFICATION_MAX_TOPICS, 50, 1, 1_000));
        if (limits.outgoingQueue() < notifications.backlog() + 2) {
            reader.problem(OUTGOING_QUEUE + "=" + limits.outgoingQueue() + " must be at least " + NOTIFICATION_BACKLOG
                    + " + 2 (" + (notifications.backlog() + 2) + "), so that a reconnecting client's replay fits");
        }
        FanOutEngine fanOut = FanOutEngine.valueOf(reader.choice(FANOUT, "local",
                Arrays.stream(FanOutEngine.values()).map(FanOutEngine::key).toList())
                .toUpperCase(Locale.ROOT));
        JmsSettings jms = new JmsSettings(jndiName(reader, JMS_CONNECTION_FACTORY, "java:/ConnectionFactory"),
                jndiName(reader, JMS_TOPIC, "java:/jms/topic/pqws"));
        OperatorAccessRule operatorAccess = reader.parsed(OPERATOR_ALLOWED_CLIENTS, OperatorAccessRule.DEFAULT,
                OperatorAccessRule::parse);
        ProxySettings proxy = proxy(reader);
        reader.finish(OWNED_PREFIXES, DEFAULTS.keySet());
        return new PqwsSettings(access, limits, chat, notifications, fanOut, jms, operatorAccess, proxy);
    }

    private static ProxySettings proxy(SettingsReader reader) {
        ProxySettings.TrustedPeers trusted = reader.parsed(PROXY_TRUSTED, ProxySettings.NONE,
                ProxySettings::parseTrusted);
        return new ProxySettings(trusted.loopback(), trusted.ranges(),
                reader.parsed(PROXY_GROUP_HEADER, ProxySettings.DEFAULT_GROUP_HEADER, ProxySettings::fieldName),
                reader.parsed(PROXY_PROTOCOL_HEADER, ProxySettings.DEFAULT_PROTOCOL_HEADER, ProxySettings::fieldName),
                reader.parsed(PROXY_CIPHER_HEADER, ProxySettings.DEFAULT_CIPHER_HEADER, ProxySettings::fieldName),
                reader.parsed(PROXY_CLIENT_ADDRESS_HEADER, ProxySettings.DEFAULT_CLIENT_ADDRESS_HEADER,
                        ProxySettings::fieldName));
    }

    private static String jndiName(SettingsReader reader, String key, String defaultValue) {
        String raw = reader.value(key);
        if (raw == null) {
            return defaultValue;
        }
        if (!JNDI_NAME.matcher(raw).matches()) {
            reader.problem(key + "='" + raw + "' must be a JNDI name: letters, digits, ':', '/', '.', '_' or '-' "
                    + "(default " + defaultValue + ")");
            return defaultValue;
        }
        return raw;
    }

    private static AccessSettings access(SettingsReader reader) {
        boolean[] self = {false};
        List<WebOrigin> origins = reader.list(ORIGINS_ALLOWED, "self", ",", entry -> {
            if (entry.equalsIgnoreCase("self")) {
                self[0] = true;
                return null;
            }
            return WebOrigin.parse(entry);
        });
        origins = new ArrayList<>(origins);
        origins.removeIf(o -> o == null);
        if (!self[0] && origins.isEmpty()) {
            reader.problem(ORIGINS_ALLOWED + " lists no origin; use 'self' for pages of this server");
        }
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        for (String key : reader.keysUnder(ROLES_PREFIX)) {
            String role = key.substring(ROLES_PREFIX.length());
            if (!ROLE_NAME.matcher(role).matches()) {
                reader.problem(key + ": role name '" + role + "' must be letters, digits, '.', '_' or '-'");
                continue;
            }
            if (role.equals(USER_ROLE)) {
                reader.problem(key + ": every authenticated user has role " + USER_ROLE + "; it cannot be mapped");
                continue;
            }
            List<String> names = reader.list(key, "", "|", PrincipalNames::canonical);
            if (names.isEmpty()) {
                reader.problem(key + " names nobody; list principal names separated by '|' or remove it");
            }
            roles.put(role, Set.copyOf(new LinkedHashSet<>(names)));
        }
        return new AccessSettings(self[0], origins, reader.bool(REQUIRE_TLS, true),
                Duration.ofSeconds(reader.integer(TICKET_TTL, 30, 1, 600)),
                reader.integer(MAX_PENDING_TICKETS, 10_000, 1, 1_000_000), roles);
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put(ORIGINS_ALLOWED, "self");
        defaults.put(REQUIRE_TLS, "true");
        defaults.put(TICKET_TTL, "30");
        defaults.put(MAX_PENDING_TICKETS, "10000");
        defaults.put(MAX_TEXT_BYTES, "65536");
        defaults.put(MAX_BINARY_BYTES, "65536");
        defaults.put(MESSAGES_PER_SECOND, "20");
        defaults.put(BURST, "40");
        defaults.put(IDLE_TIMEOUT, "600");
        defaults.put(SESSIONS_PER_USER, "10");
        defaults.put(OUTGOING_QUEUE, "256");
        defaults.put(CHAT_HISTORY, "50");
        defaults.put(CHAT_MAX_MEMBERS, "100");
        defaults.put(CHAT_MAX_ROOMS, "1000");
        defaults.put(NOTIFICATION_BACKLOG, "100");
        defaults.put(NOTIFICATION_MAX_USERS, "10000");
        defaults.put(NOTIFICATION_MAX_TOPICS, "50");
        defaults.put(FANOUT, "local");
        defaults.put(JMS_CONNECTION_FACTORY, "java:/ConnectionFactory");
        defaults.put(JMS_TOPIC, "java:/jms/topic/pqws");
        defaults.put(OPERATOR_ALLOWED_CLIENTS, OperatorAccessRule.DEFAULT);
        defaults.put(PROXY_TRUSTED, ProxySettings.NONE);
        defaults.put(PROXY_GROUP_HEADER, ProxySettings.DEFAULT_GROUP_HEADER);
        defaults.put(PROXY_PROTOCOL_HEADER, ProxySettings.DEFAULT_PROTOCOL_HEADER);
        defaults.put(PROXY_CIPHER_HEADER, ProxySettings.DEFAULT_CIPHER_HEADER);
        defaults.put(PROXY_CLIENT_ADDRESS_HEADER, ProxySettings.DEFAULT_CLIENT_ADDRESS_HEADER);
        return java.util.Collections.unmodifiableMap(defaults);
    }
}
