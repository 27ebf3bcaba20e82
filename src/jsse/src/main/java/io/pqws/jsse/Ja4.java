package io.pqws.jsse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The JA4 fingerprint of a TLS ClientHello, its TLS part as FoxIO publishes it (JA4 specification, "JA4: TLS Client
 * Fingerprinting"): {@code t13d1516h2_8daaf6152771_e5627efa2ab1}, three parts joined by {@code _}.
 * <ol>
 * <li>{@code t} (TCP), the highest TLS version offered ({@code 13}, {@code 12}, ...; from {@code supported_versions},
 * else {@code legacy_version}), {@code d} with a server name or {@code i} without, the number of cipher suites and of
 * extensions (two digits each, at most 99), and the first and last character of the first ALPN protocol
 * ({@code 00} without one; the first and last hex digit of its bytes when either character is not alphanumeric);</li>
 * <li>the first 12 hex digits of the SHA-256 of the cipher suites, as 4-digit hex, sorted, comma-separated;</li>
 * <li>the same of the extension types, sorted, without server name (0) and ALPN (16), followed by {@code _} and the
 * signature algorithms in client order when there are any.</li>
 * </ol>
 * GREASE values (RFC 8701) are left out everywhere. An empty list hashes to {@code 000000000000}.
 *
 * <p>Why JA4 and not a fingerprint of our own: it is published, stable across the client's random choices (the
 * order of extensions, which Chromium shuffles, does not count), and operators can look fingerprints up.
 */
final class Ja4 {

    private static final int EXT_SERVER_NAME = 0;
    private static final int EXT_ALPN = 16;
    private static final String EMPTY_HASH = "000000000000";

    private Ja4() {
    }

    static String of(ClientHello hello) {
        List<Integer> ciphers = withoutGrease(hello.cipherSuites());
        List<Integer> extensions = withoutGrease(hello.extensionTypes());
        String a = "t" + version(hello) + (extensions.contains(EXT_SERVER_NAME) ? "d" : "i")
                + twoDigits(ciphers.size()) + twoDigits(extensions.size()) + alpn(hello.firstAlpn());
        String b = hash(sortedHex(ciphers));
        List<Integer> hashed = extensions.stream().filter(t -> t != EXT_SERVER_NAME && t != EXT_ALPN).toList();
        List<Integer> algorithms = withoutGrease(hello.signatureAlgorithms());
        String c = hashed.isEmpty() ? EMPTY_HASH
                : hash(sortedHex(hashed) + (algorithms.isEmpty() ? "" : "_" + hex(algorithms)));
        return a + "_" + b + "_" + c;
    }

    /** RFC 8701: 0x0A0A, 0x1A1A, ..., 0xFAFA. */
    static boolean isGrease(int value) {
        return (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);
    }

    private static String version(ClientHello hello) {
        int highest = withoutGrease(hello.supportedVersions()).stream().mapToInt(Integer::intValue).max()
                .orElse(hello.legacyVersion());
        switch (highest) {
            case 0x0304:
                return "13";
            case 0x0303:
                return "12";
            case 0x0302:
                return "11";
            case 0x0301:
                return "10";
            case 0x0300:
                return "s3";
            default:
                return "00";
        }
    }

    private static String twoDigits(int count) {
        return String.format(Locale.ROOT, "%02d", Math.min(count, 99));
    }

    private static String alpn(String first) {
        if (first == null || first.isEmpty()) {
            return "00";
        }
        char head = first.charAt(0);
        char tail = first.charAt(first.length() - 1);
        if (alphanumeric(head) && alphanumeric(tail)) {
            return "" + head + tail;
        }
        String hex = HexFormat.of().formatHex(first.getBytes(StandardCharsets.ISO_8859_1));
        return "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
    }

    private static boolean alphanumeric(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static List<Integer> withoutGrease(List<Integer> values) {
        return values.stream().filter(v -> !isGrease(v)).toList();
    }

    private static String sortedHex(List<Integer> values) {
        return values.stream().sorted().map(Ja4::hex4).collect(Collectors.joining(","));
    }

    private static String hex(List<Integer> values) {
        return values.stream().map(Ja4::hex4).collect(Collectors.joining(","));
    }

    private static String hex4(int value) {
        return String.format(Locale.ROOT, "%04x", value);
    }

    private static String hash(String text) {
        if (text.isEmpty()) {
            return EMPTY_HASH;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
