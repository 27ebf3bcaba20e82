package io.pqws.bench;

/**
 * A TLS server under test, started by the benchmark on loopback: our WAR on Payara Micro under a profile, or the
 * nginx alternative. The harness only needs its ports and its CPU time.
 */
interface BenchServer extends AutoCloseable {

    /** Short name used in tables, e.g. {@code Payara hybrid}. */
    String name();

    /** The HTTPS / wss port on 127.0.0.1. */
    int httpsPort();

    /** The plain HTTP / ws port on 127.0.0.1 (for nginx: the container it proxies to). */
    int httpPort();

    /** CPU time the server processes used so far. */
    long cpuNanos();

    /** Stops the server; never throws. */
    @Override
    void close();
}
