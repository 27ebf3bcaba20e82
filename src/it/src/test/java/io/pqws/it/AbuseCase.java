package io.pqws.it;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of the abuse corpus ({@code src/it/src/test/resources/abuse/corpus.tsv}): what is sent, to which target, as
 * whom, and what the server must answer. The format is described at the top of the file.
 *
 * @param who    {@code anon}, {@code user} (one of the test users, in turn), a user's name, {@code ticket} (a fresh
 *               ticket in the subprotocol list), {@code used-ticket}, a rogue certificate ({@code expired-cert},
 *               {@code future-cert}, {@code untrusted-cert}, {@code server-only-cert}) or {@code raw} (hand-written
 *               TLS records)
 * @param path   below the context root, e.g. {@code chat/lobby}; for {@code raw} unused
 * @param steps  the input, split at {@code " | "}; empty for none
 */
record AbuseCase(int line, String id, String category, String who, String path, List<String> steps,
        String expect) {

    static final String RESOURCE = "/abuse/corpus.tsv";
    private static final Pattern REPEAT = Pattern.compile("\\{repeat (\\d+) ([^}]*)\\}");

    /** The whole corpus, in file order. */
    static List<AbuseCase> corpus() {
        try (InputStream in = AbuseCase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<AbuseCase> parse(List<String> lines) {
        List<AbuseCase> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank() || text.startsWith("#")) {
                continue;
            }
            String[] columns = text.split("\t", -1);
            if (columns.length != 5) {
                throw new IllegalArgumentException("corpus line " + (i + 1) + ": expected 5 tab-separated columns, got "
                        + columns.length);
            }
            String id = columns[0].strip();
            if (!ids.add(id)) {
                throw new IllegalArgumentException("corpus line " + (i + 1) + ": duplicate id " + id);
            }
            String target = columns[2].strip();
            int at = target.indexOf('@');
            if (at < 1) {
                throw new IllegalArgumentException("corpus line " + (i + 1) + ": target is not who@path: " + target);
            }
            String input = columns[3];
            List<String> steps = input.strip().equals("-") ? List.of() : Arrays.asList(input.split(" \\| "));
            String expect = columns[4].strip();
            if (expect.isEmpty()) {
                throw new IllegalArgumentException("corpus line " + (i + 1) + ": no expected outcome");
            }
            cases.add(new AbuseCase(i + 1, id, columns[1].strip(), target.substring(0, at),
                    target.substring(at + 1), steps, expect));
        }
        return cases;
    }

    /** The case's display name: its id and what it expects, so a failure names the case. */
    String name() {
        return id + " -> " + expect;
    }

    /** The expectation's first word: close, ended, text, binary-length, pong, json, http, tls-alert, tls-hello, silent. */
    String expectKind() {
        return expect.split(" ", 2)[0];
    }

    /** The expectation's words after the first, split once more: e.g. {@code close 1002 RSV} gives 1002, RSV. */
    String[] expectArgs() {
        String[] parts = expect.split(" ", 3);
        return Arrays.copyOfRange(parts, 1, parts.length);
    }

    /**
     * Bytes from the corpus notation: UTF-8 of the text, with {@code \xHH} for a raw byte, {@code \\}, {@code \t},
     * {@code \n}, and {@code {repeat N S}} for S written N times.
     */
    static byte[] bytes(String notation) {
        String expanded = expand(notation);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder pending = new StringBuilder();
        for (int i = 0; i < expanded.length(); i++) {
            char c = expanded.charAt(i);
            if (c == '\\' && i + 1 < expanded.length()) {
                char next = expanded.charAt(i + 1);
                if (next == 'x' && i + 3 < expanded.length()) {
                    out.writeBytes(pending.toString().getBytes(StandardCharsets.UTF_8));
                    pending.setLength(0);
                    out.write(Integer.parseInt(expanded.substring(i + 2, i + 4), 16));
                    i += 3;
                    continue;
                }
                if (next == '\\' || next == 't' || next == 'n') {
                    pending.append(next == 't' ? '\t' : next == 'n' ? '\n' : '\\');
                    i++;
                    continue;
                }
            }
            pending.append(c);
        }
        out.writeBytes(pending.toString().getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The notation with its {@code {repeat N S}} macros written out. */
    static String expand(String notation) {
        Matcher repeat = REPEAT.matcher(notation);
        StringBuilder out = new StringBuilder();
        while (repeat.find()) {
            repeat.appendReplacement(out, Matcher.quoteReplacement(
                    repeat.group(2).repeat(Integer.parseInt(repeat.group(1)))));
        }
        repeat.appendTail(out);
        return out.toString();
    }
}
