package io.pqws.bench;

import java.util.Locale;

import io.pqws.tls.NamedGroups;

/** Handshakes seen on the wire, summed over connections: sizes, HelloRetryRequests, resumptions, what was chosen. */
final class WireTotals {

    private long handshakes;
    private long clientHelloBytes;
    private long serverHelloBytes;
    private long bytesFromClient;
    private long bytesFromServer;
    private long helloRetryRequests;
    private long resumed;
    private int group = -1;
    private int cipherSuite = -1;
    private int version = -1;

    void add(HandshakeScanner.Wire wire) {
        if (!wire.serverHelloSeen()) {
            return;
        }
        handshakes++;
        clientHelloBytes += wire.clientHelloBytes();
        serverHelloBytes += wire.serverHelloBytes();
        bytesFromClient += wire.bytesFromClient();
        bytesFromServer += wire.bytesFromServer();
        helloRetryRequests += wire.helloRetryRequests();
        resumed += wire.resumed() ? 1 : 0;
        group = wire.group();
        cipherSuite = wire.cipherSuite();
        version = wire.version();
    }

    void add(WireTotals other) {
        handshakes += other.handshakes;
        clientHelloBytes += other.clientHelloBytes;
        serverHelloBytes += other.serverHelloBytes;
        bytesFromClient += other.bytesFromClient;
        bytesFromServer += other.bytesFromServer;
        helloRetryRequests += other.helloRetryRequests;
        resumed += other.resumed;
        if (other.handshakes > 0) {
            group = other.group;
            cipherSuite = other.cipherSuite;
            version = other.version;
        }
    }

    long handshakes() {
        return handshakes;
    }

    long helloRetryRequests() {
        return helloRetryRequests;
    }

    long resumed() {
        return resumed;
    }

    /** Notes the totals as facts of a series: what was negotiated and what it cost on the wire. */
    void describeInto(Series series) {
        if (handshakes == 0) {
            series.fact("handshakes seen", "0");
            return;
        }
        series.fact("version", versionName(version));
        series.fact("group", group < 0 ? "(none)" : NamedGroups.nameOf(group));
        series.fact("cipher", cipherSuiteName(cipherSuite));
        series.fact("ClientHello", clientHelloBytes / handshakes + " B");
        series.fact("ServerHello", serverHelloBytes / handshakes + " B");
        series.fact("bytes c→s / s→c", bytesFromClient / handshakes + " / " + bytesFromServer / handshakes);
        series.fact("HelloRetryRequests", helloRetryRequests + " of " + handshakes);
        series.fact("resumed", resumed + " of " + handshakes);
    }

    static String versionName(int version) {
        switch (version) {
            case 0x0304:
                return "TLSv1.3";
            case 0x0303:
                return "TLSv1.2";
            default:
                return String.format(Locale.ROOT, "0x%04X", version);
        }
    }

    static String cipherSuiteName(int suite) {
        switch (suite) {
            case 0x1301:
                return "TLS_AES_128_GCM_SHA256";
            case 0x1302:
                return "TLS_AES_256_GCM_SHA384";
            case 0x1303:
                return "TLS_CHACHA20_POLY1305_SHA256";
            case 0xC02B:
                return "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
            case 0xC02C:
                return "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
            case 0xCCA9:
                return "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
            default:
                return String.format(Locale.ROOT, "0x%04X", suite);
        }
    }
}
