package io.pqws.tls;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/**
 * The JSON form of {@link TlsFacts}, shared by the WebSocket encoder and the REST resource so both say the same
 * thing. Unknown values are written as {@code null}, not left out, so a client can tell "unknown" from "absent".
 */
public final class TlsFactsJson {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    private TlsFactsJson() {
    }

    public static String toJson(TlsFacts facts) {
        return JSONB.toJson(facts);
    }
}
