package com.example.portal;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The portal's REST application, under {@code /rest}. It lists no classes, so the container also serves the
 * library's resources here: {@code /rest/metrics} and {@code /rest/status} (operator clients only),
 * {@code /rest/tls}, {@code /rest/tickets} and {@code /rest/notifications}.
 */
@ApplicationPath("rest")
public class PortalRest extends Application {
}
