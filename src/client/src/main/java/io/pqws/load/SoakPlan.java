package io.pqws.load;

import java.time.Duration;

/**
 * The shape of one soak run.
 *
 * @param sessions  concurrent chat sessions, each a different user
 * @param roomSize  members per room (the last room may have fewer); at most the server's {@code pqws.chat.max-members}
 * @param duration  how long the members send
 * @param interval  each member sends one message per interval (keep it under the server's rate limit)
 * @param flood     whether one extra member of the first room floods it, to be throttled by the server
 * @param runId     makes this run's user and room names unique (several runs may share a server)
 */
public record SoakPlan(int sessions, int roomSize, Duration duration, Duration interval, boolean flood,
        String runId) {

    /**
     * Messages the flooder sends at once: five times the module's default burst (40), and few enough to sit in the
     * socket buffers, so the flooder has stopped writing when the server's close arrives and reads it (a client still
     * writing would see its connection reset instead of the close code).
     */
    public static final int FLOOD_MESSAGES = 200;

    public SoakPlan {
        if (sessions < 2 || roomSize < 2) {
            throw new IllegalArgumentException("a soak needs at least 2 sessions and rooms of at least 2");
        }
        if (duration.isNegative() || duration.isZero() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("duration and interval must be positive");
        }
        if (!runId.matches("[A-Za-z0-9]{1,16}")) {
            throw new IllegalArgumentException("run id must be 1-16 letters or digits: " + runId);
        }
    }

    /** The default soak of issue 8: 2,000 sessions for 10 minutes. */
    public static SoakPlan full(String runId) {
        return new SoakPlan(2_000, 10, Duration.ofMinutes(10), Duration.ofSeconds(10), true, runId);
    }

    /** The CI variant: a few hundred sessions for well under a minute. */
    public static SoakPlan quick(String runId) {
        return new SoakPlan(300, 20, Duration.ofSeconds(40), Duration.ofSeconds(2), true, runId);
    }

    int rooms() {
        return (sessions + roomSize - 1) / roomSize;
    }

    String room(int member) {
        return "soak-" + runId + "-" + member / roomSize;
    }

    String user(int member) {
        return "soak-" + runId + "-" + member;
    }
}
