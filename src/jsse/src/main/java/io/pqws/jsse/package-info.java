/**
 * The pqws JSSE policy provider ({@code PQWS}): Bouncy Castle's JSSE with the project's TLS policy, for the container
 * JVM. Packaged as {@code pqws-jsse.jar}, never in the WAR; server code in the WAR does not touch TLS.
 *
 * <h2>What it does</h2>
 * <ul>
 * <li>Every SSLContext algorithm BCJSSE offers ({@code TLS}/{@code SSL}, {@code TLSv1}/{@code SSLv3},
 * {@code TLSv1.1}, {@code TLSv1.2}, {@code TLSv1.3}, {@code Default}) is BCJSSE's, looked up by the name
 * {@code BCJSSE}. If BCJSSE is not installed, every request fails; there is no fallback to SunJSSE.</li>
 * <li>Every engine prefers the server's group order ({@code BCSSLParameters.setUseNamedGroupsOrder(true)}), so
 * {@code jdk.tls.namedGroups=X25519MLKEM768,x25519,secp256r1} makes X25519MLKEM768 win for every client offering
 * it, including clients that list x25519 first.</li>
 * <li>With {@code -Dpqws.tls.requireHybrid=true} server engines refuse, with a {@code handshake_failure} alert, any
 * ClientHello for which the server would not select a hybrid ML-KEM group (X25519MLKEM768, SecP256r1MLKEM768,
 * SecP384r1MLKEM1024) in TLS 1.3. Server sockets are refused instead (see {@code PqwsSslContextSpi}).</li>
 * <li>Initialization fails when Bouncy Castle cannot use a hybrid group {@code jdk.tls.namedGroups} asks for (on JDK
 * 17: the BC provider, which supplies ML-KEM, not installed), instead of quietly negotiating classic groups.</li>
 * <li>In require-hybrid mode every failed server handshake is counted by reason ({@code HandshakeFailures}) and
 * published as the platform MXBean {@code io.pqws:type=TlsHandshakeFailures}, which the pqws module's metrics read.</li>
 * <li>With {@code -Dpqws.tls.mode=observe} (the {@code observe} profile) none of the above: every SSLContext is the
 * JDK's SunJSSE one, unchanged, and server engines are only watched ({@code ObservingSslContextSpi}), so the same
 * counters show who offers a hybrid group on a server that has not changed its TLS yet. BCJSSE is not needed.</li>
 * </ul>
 *
 * <h2>Installing it</h2>
 * The project's PQ profiles ({@code pq-profile/<name>/java.security}) list it first, then BCJSSE, then the JDK's
 * providers, then {@code BouncyCastleProvider} last (for ML-KEM only; placed earlier it takes over PKCS12 key
 * stores). See {@code pq-profile/README.md}.
 * The jar works on the class path (the entry above is a class name, loaded reflectively) and on the module path as
 * an automatic module (it has no {@code module-info}; {@code META-INF/services/java.security.Provider} declares the
 * provider; add it to the boot layer, e.g. {@code --add-modules ALL-MODULE-PATH}). It needs {@code bctls},
 * {@code bcprov} and {@code bcutil} next to it. JVM options: {@code -Djdk.tls.namedGroups=...} and, for the
 * hybrid-only profile, {@code -Dpqws.tls.requireHybrid=true}.
 */
package io.pqws.jsse;
