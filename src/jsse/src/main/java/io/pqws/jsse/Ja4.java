package io.pqws.jsse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

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
 *
 * <p>Why plain arrays and a hand-written hex writer: this runs in every server handshake of the JVM. Written with
 * streams and {@code String.format} it was 15 % of a hybrid handshake's server CPU in a JFR profile of
 * {@code pqws-client bench --cases observation} (BENCHMARKS.md); the fingerprint is the same.
 */
final class Ja4 {

    private static final int EXT_SERVER_NAME = 0;
    private static final int EXT_ALPN = 16;
    private static final String EMPTY_HASH = "000000000000";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Ja4() {
    }

    static String of(ClientHello hello) {
        int[] ciphers = withoutGrease(hello.cipherSuites());
        int[] extensions = withoutGrease(hello.extensionTypes());
        StringBuilder ja4 = new StringBuilder(36).append('t').append(version(hello))
                .append(contains(extensions, EXT_SERVER_NAME) ? 'd' : 'i');
        twoDigits(ja4, ciphers.length);
        twoDigits(ja4, extensions.length);
        alpn(ja4, hello.firstAlpn());
        ja4.append('_');
        Arrays.sort(ciphers);
        hash(ja4, hexList(new StringBuilder(ciphers.length * 5), ciphers));
        ja4.append('_');
        int[] hashed = new int[extensions.length];
        int count = 0;
        for (int type : extensions) {
            if (type != EXT_SERVER_NAME && type != EXT_ALPN) {
                hashed[count++] = type;
            }
        }
        hashed = Arrays.copyOf(hashed, count);
        Arrays.sort(hashed);
        if (hashed.length == 0) {
            return ja4.append(EMPTY_HASH).toString();
        }
        StringBuilder text = hexList(new StringBuilder(hashed.length * 5 + 128), hashed);
        int[] algorithms = withoutGrease(hello.signatureAlgorithms());
        if (algorithms.length > 0) {
            hexList(text.append('_'), algorithms);
        }
        hash(ja4, text);
        return ja4.toString();
    }

    /** RFC 8701: 0x0A0A, 0x1A1A, ..., 0xFAFA. */
    static boolean isGrease(int value) {
        return (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);
    }

    private static String version(ClientHello hello) {
        int highest = -1;
        for (int version : hello.supportedVersions()) {
            if (!isGrease(version)) {
                highest = Math.max(highest, version);
            }
        }
        switch (highest < 0 ? hello.legacyVersion() : highest) {
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

    private static void twoDigits(StringBuilder out, int count) {
        int capped = Math.min(count, 99);
        out.append((char) ('0' + capped / 10)).append((char) ('0' + capped % 10));
    }

    private static void alpn(StringBuilder out, String first) {
        if (first == null || first.isEmpty()) {
            out.append("00");
            return;
        }
        char head = first.charAt(0);
        char tail = first.charAt(first.length() - 1);
        if (alphanumeric(head) && alphanumeric(tail)) {
            out.append(head).append(tail);
            return;
        }
        byte[] bytes = first.getBytes(StandardCharsets.ISO_8859_1);
        out.append(HEX[(bytes[0] >> 4) & 0xF]).append(HEX[bytes[bytes.length - 1] & 0xF]);
    }

    private static boolean alphanumeric(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }

    private static boolean contains(int[] values, int wanted) {
        for (int value : values) {
            if (value == wanted) {
                return true;
            }
        }
        return false;
    }

    private static int[] withoutGrease(List<Integer> values) {
        int[] kept = new int[values.size()];
        int count = 0;
        for (int value : values) {
            if (!isGrease(value)) {
                kept[count++] = value;
            }
        }
        return Arrays.copyOf(kept, count);
    }

    /** The values as 4-digit lower-case hex, comma-separated, in the given order. */
    private static StringBuilder hexList(StringBuilder out, int[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            int value = values[i];
            out.append(HEX[(value >> 12) & 0xF]).append(HEX[(value >> 8) & 0xF]).append(HEX[(value >> 4) & 0xF])
                    .append(HEX[value & 0xF]);
        }
        return out;
    }

    /** The first 12 hex digits of the SHA-256 of {@code text}, or {@value #EMPTY_HASH} for an empty text. */
    private static void hash(StringBuilder out, CharSequence text) {
        if (text.length() == 0) {
            out.append(EMPTY_HASH);
            return;
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (int i = 0; i < 6; i++) {
            out.append(HEX[(digest[i] >> 4) & 0xF]).append(HEX[digest[i] & 0xF]);
        }
    }
}
