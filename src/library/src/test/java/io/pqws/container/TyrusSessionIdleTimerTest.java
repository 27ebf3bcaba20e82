package io.pqws.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.Test;

import jakarta.websocket.Session;

/**
 * {@link TyrusSessionIdleTimer} reaches into Tyrus' own session class: this fails when the Tyrus the project builds
 * against (the client bundle, the same core as Payara 6's) renames or retypes the field. The containers' own Tyrus is
 * checked by {@code ContainerIdleTimerIT} on Payara Micro 6 and 7.
 */
class TyrusSessionIdleTimerTest {

    @Test
    void tyrusSessionKeepsItsSchedulerInAWritableField() throws Exception {
        Class<?> tyrusSession = Class.forName(TyrusSessionIdleTimer.TYRUS_SESSION);
        Field field = tyrusSession.getDeclaredField(TyrusSessionIdleTimer.SCHEDULER_FIELD);
        assertEquals(ScheduledExecutorService.class, field.getType());
        assertFalse(Modifier.isFinal(field.getModifiers()) || Modifier.isStatic(field.getModifiers()));
    }

    @Test
    void otherSessionsAreNotTyrusOnes() {
        Session other = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        assertFalse(new TyrusSessionIdleTimer().supports(other));
    }
}
