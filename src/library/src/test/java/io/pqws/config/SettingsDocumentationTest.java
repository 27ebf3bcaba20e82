package io.pqws.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.pqws.security.ModuleCloseCode;

/** docs/messaging.md lists every setting with the default the code uses, and every close code of the module. */
class SettingsDocumentationTest {

    private static String docs() throws IOException {
        return Files.readString(Path.of(System.getProperty("pqws.basedir", "."), "docs", "messaging.md"));
    }

    @Test
    void everySettingIsDocumentedWithItsDefault() throws IOException {
        String docs = docs();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> setting : PqwsSettings.DEFAULTS.entrySet()) {
            String row = "| `" + setting.getKey() + "` | `" + setting.getValue() + "` |";
            if (!docs.contains(row)) {
                missing.add(row);
            }
        }
        assertTrue(missing.isEmpty(), "docs/messaging.md lacks the rows " + missing);
        assertTrue(docs.contains("| `" + PqwsSettings.ROLES_PREFIX + "<role>` |"));
    }

    @Test
    void everyModuleCloseCodeIsDocumented() throws IOException {
        String docs = docs();
        for (ModuleCloseCode code : ModuleCloseCode.values()) {
            assertTrue(docs.contains("close `" + code.getCode()), code + " is not in docs/messaging.md");
        }
    }
}
