package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.pqws.client.WssConnection;
import io.pqws.testsupport.HeadlessChromium;
import jakarta.json.Json;

/**
 * The page reconnects and resumes in a real headless Chromium when the server ends its connections: the module's idle
 * timeout ({@code pqws-it-page.properties}: 5 s) closes them with {@code 1000 idle timeout}. The browser has no client
 * certificate, so a reconnect needs a ticket from the portal: while it has none the page waits, which keeps it away
 * for as long as the test needs; the test then hands over fresh tickets by setting the page's fragment, as a portal
 * would. Away a second time, more is said than the room's history keeps ({@code pqws.chat.history=2}), and the page
 * shows the gap. A policy close (1008) is shown and never retried, while the same page's idle-closed notifications
 * are.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PageReconnectIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Records every later value of data-state of the two status lines, in order, in window.pqwsStates. */
    private static final String RECORD_STATES = """
            window.pqwsStates = {chat: [], notify: []};
            for (const [key, id] of [["chat", "chat-status"], ["notify", "notify-status"]]) {
              const element = document.getElementById(id);
              new MutationObserver(() => {
                const states = window.pqwsStates[key];
                if (states[states.length - 1] !== element.dataset.state) {
                  states.push(element.dataset.state);
                }
              }).observe(element, {attributes: true, attributeFilter: ["data-state"]});
            }""";

    @Deployment(testable = false)
    @TargetsContainer("payara-micro-page")
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @Test
    void aPageClosedByTheServerReconnectsAndShowsWhatItMissedExactlyOnce() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            WebDriver alice = open(browser, "alice", "resume", 2);
            awaitState(alice, "chat-status", "joined");
            record(alice);
            say(alice, "before the drop");
            assertEquals(List.of("1 alice: before the drop"), awaitMessages(alice, 1), "positive control: live chat");

            // the idle timeout ends both connections; with no ticket left the page waits, away from the server
            awaitAway(alice);
            bobSays("while you were away");
            Users.publish(Json.createObjectBuilder().add("user", Users.principal("alice"))
                    .add("title", "Published while away").build().toString());
            handOverTickets(alice, Users.ticketFor("alice"), Users.ticketFor("alice"));
            new WebDriverWait(alice, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("notify-log"), "Published while away"));
            assertEquals(List.of("1 alice: before the drop", "2 bob: while you were away"), awaitMessages(alice, 2),
                    "the missed message once, after the one already shown");
            assertEquals(List.of("Published while away"), titles(alice), "the missed notification, once");
            assertTrue(alice.findElements(By.cssSelector("#chat-log li.gap")).isEmpty(), "nothing was lost");
            assertEquals(List.of("reconnecting", "waiting", "resumed"), states(alice, "chat", 3));
            assertEquals(List.of("reconnecting", "waiting", "resumed"), states(alice, "notify", 3));

            // away again, while more is said than the room's history keeps (pqws.chat.history=2): a gap, shown
            awaitAway(alice);
            bobSays("three", "four", "five");
            handOverTickets(alice, Users.ticketFor("alice"), Users.ticketFor("alice"));
            awaitMessages(alice, 4);
            assertEquals(List.of("1 alice: before the drop", "2 bob: while you were away",
                    "gap Some messages said while you were away are no longer kept.", "4 bob: four", "5 bob: five"),
                    log(alice));
            assertEquals(List.of("Published while away"), titles(alice), "nothing replayed twice");
        }
    }

    @Test
    void aPolicyCloseIsShownAndNotRetriedWhileAnIdleCloseOnTheSamePageIs() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            // three tickets: the chat's (refused: the room name is invalid), the notifications', and one spare
            WebDriver carol = open(browser, "carol", "no room!", 3);
            new WebDriverWait(carol, WAIT).until(
                    ExpectedConditions.attributeToBe(By.id("chat-status"), "data-state", "closed"));
            record(carol);
            String reason = carol.findElement(By.id("chat-status")).getText();
            assertTrue(reason.contains("1008") && reason.contains("invalid room name"), reason);

            // positive control: the idle-closed notifications reconnect on this page, with the spare ticket, which
            // a retrying chat (250 ms after its close, long before the idle timeout) would have taken already
            assertEquals(List.of("reconnecting", "resumed"), states(carol, "notify", 2));
            assertEquals(List.of(), states(carol, "chat", 0), "the chat was never retried");
            assertEquals(reason, carol.findElement(By.id("chat-status")).getText());
        }
    }

    /** Loads the page as the user with fresh tickets in the fragment; waits until the notifications are live. */
    private static WebDriver open(HeadlessChromium browser, String user, String room, int tickets)
            throws Exception {
        WebDriver driver = browser.driver();
        StringBuilder fragment = new StringBuilder("#room=").append(room.replace(" ", "%20")).append("&tickets=");
        for (int i = 0; i < tickets; i++) {
            fragment.append(i == 0 ? "" : ",").append(Users.ticketFor(user));
        }
        driver.get(PqwsServer.https("") + fragment.toString());
        new WebDriverWait(driver, WAIT).until(
                ExpectedConditions.attributeToBe(By.id("notify-status"), "data-state", "ready"));
        return driver;
    }

    private static void record(WebDriver driver) {
        ((JavascriptExecutor) driver).executeScript(RECORD_STATES);
    }

    private static void handOverTickets(WebDriver driver, String... tickets) {
        ((JavascriptExecutor) driver).executeScript("location.hash = arguments[0];",
                "tickets=" + String.join(",", tickets));
    }

    /** The first {@code count} states recorded for the panel, once there are that many (none: what there is). */
    private static List<Object> states(WebDriver driver, String panel, int count) {
        String script = "return window.pqwsStates." + panel + ";";
        new WebDriverWait(driver, WAIT).until(d -> ((List<?>) ((JavascriptExecutor) d).executeScript(script))
                .size() >= count);
        List<?> states = (List<?>) ((JavascriptExecutor) driver).executeScript(script);
        return List.copyOf(count == 0 ? states : states.subList(0, count));
    }

    /** Waits until both panels lost their connections and wait for a ticket. */
    private static void awaitAway(WebDriver driver) {
        awaitState(driver, "chat-status", "waiting");
        awaitState(driver, "notify-status", "waiting");
    }

    /** bob, with his certificate, says the texts in the room "resume" and leaves once they are numbered. */
    private static void bobSays(String... texts) throws Exception {
        try (WssConnection bob = Users.connect("bob", "chat/resume")) {
            Users.nextOfType(bob, "welcome");
            for (String text : texts) {
                bob.sendText(ChatIT.say(text));
                assertEquals(text, Users.nextOfType(bob, "message").getString("text"));
            }
        }
    }

    private static void awaitState(WebDriver driver, String id, String state) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.attributeToBe(By.id(id), "data-state", state));
    }

    private static void say(WebDriver driver, String text) {
        driver.findElement(By.id("chat-input")).sendKeys(text);
        driver.findElement(By.id("chat-send")).click();
    }

    /** The chat log's messages once it holds {@code count} of them, as "seq name: text". */
    private static List<String> awaitMessages(WebDriver driver, int count) {
        new WebDriverWait(driver, WAIT).until(
                ExpectedConditions.numberOfElementsToBe(By.cssSelector("#chat-log li[data-seq]"), count));
        return driver.findElements(By.cssSelector("#chat-log li[data-seq]")).stream()
                .map(item -> item.getAttribute("data-seq") + " " + item.getText()).toList();
    }

    /** The whole chat log: messages as "seq name: text", gap lines as "gap text". */
    private static List<String> log(WebDriver driver) {
        return driver.findElements(By.cssSelector("#chat-log li")).stream()
                .map(item -> (item.getAttribute("data-seq") == null ? "gap" : item.getAttribute("data-seq")) + " "
                        + item.getText()).toList();
    }

    private static List<String> titles(WebDriver driver) {
        return driver.findElements(By.cssSelector("#notify-log li .title")).stream().map(WebElement::getText)
                .toList();
    }
}
