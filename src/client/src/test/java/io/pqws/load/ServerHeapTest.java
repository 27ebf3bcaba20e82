package io.pqws.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The jcmd output formats {@link ServerHeap} reads (JDK 17 and 21), so a JDK that changes them fails here. */
class ServerHeapTest {

    @Test
    void readsG1() {
        String info = """
                12345:
                 garbage-first heap   total 262144K, used 48213K [0x0000000700000000, 0x0000000800000000)
                  region size 2048K, 3 young (6144K), 0 survivors (0K)
                 Metaspace       used 61234K, committed 62000K, reserved 1105920K
                """;
        assertEquals(Optional.of(48213L), ServerHeap.parseUsedKib(info));
    }

    @Test
    void addsTheGenerationsOfTheParallelGc() {
        String info = """
                12345:
                 PSYoungGen      total 76288K, used 1310K [0x00000007ab000000, 0x00000007b0500000, ...)
                  eden space 65536K, 2% used [0x00000007ab000000,0x00000007ab147a88,0x00000007af000000)
                 ParOldGen       total 175104K, used 20000K [0x0000000701000000, ...)
                 Metaspace       used 3000K, committed 3200K, reserved 1056768K
                """;
        assertEquals(Optional.of(21310L), ServerHeap.parseUsedKib(info));
    }

    @Test
    void somethingElseIsNotAHeap() {
        assertEquals(Optional.empty(), ServerHeap.parseUsedKib("12345:\nCommand executed successfully\n"));
    }
}
