package io.pqws.it;

import java.net.URI;

/**
 * A server the tests started themselves whose https listener serves {@code pqws.war}: the URIs of the WAR's endpoints
 * and pages on it, built once for every such server (GlassFish and Payara Server domains, Open Liberty, WildFly, the
 * scale-out instances).
 */
interface PqwsListener {

    int httpsPort();

    default URI wss(String path) {
        return URI.create("wss://localhost:" + httpsPort() + "/" + PqwsServer.CONTEXT + "/" + path);
    }

    default URI https(String path) {
        return URI.create("https://localhost:" + httpsPort() + "/" + PqwsServer.CONTEXT + "/" + path);
    }
}
