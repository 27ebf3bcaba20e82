package io.pqws.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

/** What a reconnecting client receives from a user's bounded backlog. */
class InboxTest {

    private static final String RUN = "k1";

    private static List<Long> seqs(Inbox.Replay replay) {
        return replay.entries().stream().map(Inbox.Entry::seq).toList();
    }

    @Test
    void everythingAfterTheLastSeenIdIsReplayedInOrder() {
        Inbox inbox = new Inbox("alice", 3, 0);
        inbox.keep(1, "n1");
        inbox.keep(4, "n4");
        inbox.keep(9, "n9");
        Inbox.Replay replay = inbox.replayAfter(new NotificationId(RUN, 1), RUN, 9);
        assertNull(replay.missedReason());
        assertEquals(List.of(4L, 9L), seqs(replay));
        assertEquals(List.of(), seqs(inbox.replayAfter(new NotificationId(RUN, 9), RUN, 9)), "up to date");
    }

    @Test
    void anOverflowedBacklogSaysSoAndReplaysWhatItKept() {
        Inbox inbox = new Inbox("alice", 2, 0);
        for (long seq = 1; seq <= 5; seq++) {
            inbox.keep(seq, "n" + seq);
        }
        Inbox.Replay replay = inbox.replayAfter(new NotificationId(RUN, 2), RUN, 5);
        assertEquals(NotificationCenter.BACKLOG_OVERFLOW, replay.missedReason());
        assertEquals(List.of(4L, 5L), seqs(replay));
        assertNull(inbox.replayAfter(new NotificationId(RUN, 3), RUN, 5).missedReason(),
                "positive control: the client had seen everything that was dropped");
    }

    @Test
    void anInboxCreatedLaterCannotVouchForEarlierNotifications() {
        Inbox inbox = new Inbox("alice", 10, 7); // tracked only from seq 8 on, e.g. after being forgotten
        inbox.keep(8, "n8");
        assertEquals(NotificationCenter.BACKLOG_OVERFLOW, inbox.replayAfter(new NotificationId(RUN, 5), RUN, 8)
                .missedReason());
        assertNull(inbox.replayAfter(new NotificationId(RUN, 7), RUN, 8).missedReason());
    }

    @Test
    void anIdFromAnotherRunOrTheFutureIsUnknown() {
        Inbox inbox = new Inbox("alice", 10, 0);
        inbox.keep(1, "n1");
        Inbox.Replay otherRun = inbox.replayAfter(new NotificationId("zz", 1), RUN, 1);
        assertEquals(NotificationCenter.UNKNOWN_ID, otherRun.missedReason());
        assertEquals(List.of(1L), seqs(otherRun), "everything kept is replayed");
        assertEquals(NotificationCenter.UNKNOWN_ID,
                inbox.replayAfter(new NotificationId(RUN, 99), RUN, 1).missedReason());
    }
}
