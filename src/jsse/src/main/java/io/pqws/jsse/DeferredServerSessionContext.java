package io.pqws.jsse;

import java.util.Collections;
import java.util.Enumeration;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * The server session context of a PQWS SSLContext, there before initialization as well as after it. Why: the JDK's
 * SunJSSE has its session contexts from construction on, and GlassFish 7's grizzly-config relies on that
 * ({@code org.glassfish.grizzly.config.ssl.SSLContextFactory.create} asks for the server session context to set the
 * session timeout and cache size, then calls {@code init}), but BCJSSE refuses {@code getServerSessionContext()}
 * before {@code init} with {@code IllegalStateException: SSLContext has not been initialized}, which leaves the
 * GlassFish listener without any SSLContext.
 *
 * <p>The two settings are recorded and handed to Bouncy Castle's context each time the SSLContext is initialized
 * (a re-initialization gets a new one); after initialization every call goes to Bouncy Castle's context. Before it,
 * there are no sessions, and a setting that was not made is unknown (Bouncy Castle's default applies at
 * initialization), so reading it fails rather than guess.
 */
final class DeferredServerSessionContext implements SSLSessionContext {

    private SSLSessionContext bc;
    private Integer timeout;
    private Integer cacheSize;

    /** Called after each successful initialization with Bouncy Castle's new server session context. */
    synchronized void attach(SSLSessionContext initialized) {
        bc = initialized;
        if (timeout != null) {
            bc.setSessionTimeout(timeout);
        }
        if (cacheSize != null) {
            bc.setSessionCacheSize(cacheSize);
        }
    }

    @Override
    public synchronized SSLSession getSession(byte[] sessionId) {
        return bc == null ? null : bc.getSession(sessionId);
    }

    @Override
    public synchronized Enumeration<byte[]> getIds() {
        return bc == null ? Collections.emptyEnumeration() : bc.getIds();
    }

    @Override
    public synchronized void setSessionTimeout(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("session timeout must not be negative: " + seconds);
        }
        timeout = seconds;
        if (bc != null) {
            bc.setSessionTimeout(seconds);
        }
    }

    @Override
    public synchronized int getSessionTimeout() {
        if (bc != null) {
            return bc.getSessionTimeout();
        }
        return known(timeout, "session timeout");
    }

    @Override
    public synchronized void setSessionCacheSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("session cache size must not be negative: " + size);
        }
        cacheSize = size;
        if (bc != null) {
            bc.setSessionCacheSize(size);
        }
    }

    @Override
    public synchronized int getSessionCacheSize() {
        if (bc != null) {
            return bc.getSessionCacheSize();
        }
        return known(cacheSize, "session cache size");
    }

    private static int known(Integer value, String name) {
        if (value == null) {
            throw new IllegalStateException("the " + name + " of a PQWS SSLContext that is not initialized yet is "
                    + "Bouncy Castle's default, known only after init()");
        }
        return value;
    }
}
