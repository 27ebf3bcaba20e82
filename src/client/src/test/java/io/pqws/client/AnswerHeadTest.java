package io.pqws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The head of the server's answer, gathered from what each unwrap wrote, and what is read from it. */
class AnswerHeadTest {

    /** Writes {@code text} into {@code buffer} the way an unwrap does and hands the written part to {@code head}. */
    private static void unwrapped(AnswerHead head, ByteBuffer buffer, String text) {
        int before = buffer.position();
        buffer.put(text.getBytes(StandardCharsets.ISO_8859_1));
        head.append(buffer, before);
    }

    @Test
    void aHeadSplitOverTwoRecordsIsReadWholeAndNothingAfterItIsKept() {
        AnswerHead head = new AnswerHead();
        ByteBuffer application = ByteBuffer.allocate(256);
        unwrapped(head, application, "HTTP/1.1 403 Forbidden\r\nConnection: close\r\nX-A: 1\r");
        assertFalse(head.complete());
        assertTrue(head.answer().isEmpty(), "no answer before the blank line");
        unwrapped(head, application, "\nx-a: 2\r\n\r\nforbidden");
        assertTrue(head.complete());
        UpgradeAnswer answer = head.answer().orElseThrow();
        assertEquals(403, answer.status());
        assertEquals(List.of("close"), answer.headers().get("connection"));
        assertEquals(List.of("1", "2"), answer.headers().get("X-A"), "names case-insensitive, values in order");
    }

    @Test
    void somethingOtherThanAnHttpAnswerIsNoAnswer() {
        AnswerHead head = new AnswerHead();
        unwrapped(head, ByteBuffer.allocate(64), "SSH-2.0-OpenSSH_9.6\r\n\r\n");
        assertTrue(head.complete());
        assertTrue(head.answer().isEmpty());
    }

    @Test
    void gatheringStopsAtTheLimitWithoutAnAnswer() {
        AnswerHead head = new AnswerHead();
        unwrapped(head, ByteBuffer.allocate(AnswerHead.LIMIT + 64), "HTTP/1.1 200 OK\r\nX: "
                + "y".repeat(AnswerHead.LIMIT));
        assertTrue(head.complete(), "a head this long is not waited for");
        assertTrue(head.answer().isEmpty());
    }
}
