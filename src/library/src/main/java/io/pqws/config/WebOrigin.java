package io.pqws.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A web origin, {@code scheme://host[:port]} (RFC 6454), normalised so that equal origins compare equal: lower-case
 * scheme and host, and the default port of the scheme left out.
 *
 * <p>Why a type of its own: the origin allow-list is a security setting, so a value such as {@code *}, a path or a
 * missing scheme must be refused when the module starts, not compared as a string that never matches.
 */
public record WebOrigin(String scheme, String host, int port) {

    public WebOrigin {
        scheme = scheme.toLowerCase(Locale.ROOT);
        host = host.toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("is not an http or https origin");
        }
        if (port == defaultPort(scheme)) {
            port = -1;
        }
    }

    /** Parses {@code https://portal.example.com[:8443]}; throws {@link IllegalArgumentException} with the reason. */
    public static WebOrigin parse(String text) {
        if (text.equals("*") || text.equalsIgnoreCase("null")) {
            throw new IllegalArgumentException("is not allowed: list each origin (scheme://host[:port])");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not an origin (scheme://host[:port])");
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null
                || uri.getFragment() != null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
            throw new IllegalArgumentException("is not an origin (scheme://host[:port], no path)");
        }
        return new WebOrigin(uri.getScheme(), uri.getHost(), uri.getPort());
    }

    /**
     * The origin a page served on this request's connection has: the scheme of the connection and the
     * {@code Host} header. Empty host headers give null.
     */
    public static WebOrigin ofRequest(boolean secure, String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        try {
            return parse((secure ? "https://" : "http://") + hostHeader.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    @Override
    public String toString() {
        return scheme + "://" + host + (port == -1 ? "" : ":" + port);
    }
}
