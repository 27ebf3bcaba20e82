package io.pqws.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSessionContext;

import org.junit.jupiter.api.Test;

/**
 * GlassFish 7's listener set-up ({@code SSLContextFactory.create} in grizzly-config) configures the server session
 * context before it initializes the SSLContext, as SunJSSE allows; a PQWS context must allow it too.
 */
class SessionContextBeforeInitTest {

    @Test
    void bouncyCastleAloneRefusesTheServerSessionContextBeforeInit() throws Exception {
        SSLContext bc = SSLContext.getInstance("TLS", TestPki.BCJSSE);
        assertThrows(IllegalStateException.class, bc::getServerSessionContext);
    }

    /** After init the getters answer from Bouncy Castle's context only, so what they read is what BCJSSE holds. */
    @Test
    void settingsMadeBeforeInitReachBouncyCastlesContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", new PqwsJsseProvider(TestPki.BCJSSE));
        SSLSessionContext early = context.getServerSessionContext();
        early.setSessionTimeout(600);
        early.setSessionCacheSize(123);
        assertFalse(early.getIds().hasMoreElements());

        context.init(TestPki.keyManagers(), null, null);

        SSLSessionContext initialized = context.getServerSessionContext();
        assertEquals(600, initialized.getSessionTimeout());
        assertEquals(123, initialized.getSessionCacheSize());
        initialized.setSessionTimeout(700);
        assertEquals(700, early.getSessionTimeout());
    }

    @Test
    void withoutSettingsBouncyCastlesDefaultsStay() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS", new PqwsJsseProvider(TestPki.BCJSSE));
        SSLSessionContext early = context.getServerSessionContext();
        assertThrows(IllegalStateException.class, early::getSessionTimeout, "unknown before init: not guessed");

        context.init(TestPki.keyManagers(), null, null);

        SSLSessionContext defaults = TestPki.bcServerContext().getServerSessionContext();
        assertEquals(defaults.getSessionTimeout(), early.getSessionTimeout());
        assertEquals(defaults.getSessionCacheSize(), early.getSessionCacheSize());
        assertNotEquals(600, defaults.getSessionTimeout(), "control: the other test's value is not the default");
    }
}
