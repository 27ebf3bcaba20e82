package io.pqws.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The module's Jakarta REST resources live under {@code /api}. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
