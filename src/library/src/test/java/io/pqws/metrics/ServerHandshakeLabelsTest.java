package io.pqws.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The provider's published key reads back into its labels; a key of another provider version reads safely. */
class ServerHandshakeLabelsTest {

    @Test
    void readsEveryLabelOfAPublishedKey() {
        assertEquals(new ServerHandshakeLabels("completed", "TLSv1.3", "X25519MLKEM768", true, false, true),
                ServerHandshakeLabels.parse("outcome=completed,protocol=TLSv1.3,group=X25519MLKEM768,"
                        + "hybrid_offered=true,hybrid_key_share=false,hello_retry=true"));
    }

    @Test
    void aMissingLabelReadsAsUnknownAndAnUnknownOneIsIgnored() {
        assertEquals(new ServerHandshakeLabels("sent_decode_error", "unknown", "unknown", false, false, false),
                ServerHandshakeLabels.parse("outcome=sent_decode_error,port=8443,garbage"));
    }
}
