package io.pqws.tls;

import jakarta.websocket.Encoder;

/** Sends {@link TlsFacts} as a JSON text message. */
public class TlsFactsEncoder implements Encoder.Text<TlsFacts> {

    @Override
    public String encode(TlsFacts facts) {
        return TlsFactsJson.toJson(facts);
    }
}
