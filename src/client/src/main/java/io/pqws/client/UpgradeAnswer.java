package io.pqws.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The status and headers of a server's HTTP/1.1 answer to an upgrade request, read from its head as it came over
 * the wire. Header names are lower-cased, as Grizzly hands them to Tyrus, so that a refusal reads the same whichever
 * of the two noticed it.
 */
record UpgradeAnswer(int status, Map<String, List<String>> headers) {

    /** The server answered the upgrade request with something other than 101 and closed the connection. */
    static final class RefusedAndClosed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient UpgradeAnswer answer;

        RefusedAndClosed(UpgradeAnswer answer) {
            super("HTTP " + answer.status() + ", then the server closed the connection");
            this.answer = answer;
        }

        UpgradeAnswer answer() {
            return answer;
        }
    }

    /** The answer in {@code head} (status line, headers, blank line), or nothing if it is not an HTTP/1.x answer. */
    static Optional<UpgradeAnswer> parse(byte[] head) {
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.") || !statusLine[1].matches("[1-5][0-9]{2}")) {
            return Optional.empty();
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        name -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        return Optional.of(new UpgradeAnswer(Integer.parseInt(statusLine[1]), Collections.unmodifiableMap(headers)));
    }
}
