package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.pqws.client.WssConnection;
import io.pqws.testsupport.HeadlessChromium;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * The page's chat and notification panels in two real headless Chromium browsers, one per user. Each user's
 * tickets are obtained the way a portal would (an authenticated REST call) and handed to the page in the URL
 * fragment, which never reaches the server or its logs. This container keeps rooms as a single server does
 * ({@code pqws.fanout=local}): a room that empties starts again at 1.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PortalPageIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Keeps every WebSocket the page opens in window.pqwsSockets, so that the test can drop one. */
    private static final String KEEP_SOCKETS = """
            window.pqwsSockets = [];
            window.WebSocket = class extends WebSocket {
              constructor(...args) {
                super(...args);
                window.pqwsSockets.push(this);
              }
            };""";

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @Test
    void twoUsersChatInOrderAndANotificationReachesOnlyItsUser() throws Exception {
        try (HeadlessChromium aliceBrowser = HeadlessChromium.start(PqwsServer.serverCertificate());
                HeadlessChromium bobBrowser = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            WebDriver alice = open(aliceBrowser, "alice", "browser");
            WebDriver bob = open(bobBrowser, "bob", "browser");

            say(alice, "hello from alice");
            awaitMessages(bob, 1);
            say(bob, "hi alice");
            awaitMessages(alice, 2);
            say(alice, "how are you?");
            List<String> expected = List.of("1 alice: hello from alice", "2 bob: hi alice", "3 alice: how are you?");
            assertEquals(expected, awaitMessages(alice, 3));
            assertEquals(expected, awaitMessages(bob, 3));
            assertEquals("safe", alice.findElement(By.id("verdict")).getAttribute("data-state"),
                    "the page still shows its verdict");

            Users.publish(notification("bob", "Your report is ready"));
            new WebDriverWait(bob, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("notify-log"), "Your report is ready"));
            Users.publish(notification("alice", "Welcome back"));
            new WebDriverWait(alice, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("notify-log"), "Welcome back"));
            assertEquals(List.of("Welcome back"), titles(alice), "bob's notification, published first, never "
                    + "reached alice's page");
            assertEquals(List.of("Your report is ready"), titles(bob));
            assertFalse(alice.getCurrentUrl().contains("tickets"), "the page removed the tickets from its address");
        }
    }

    /**
     * The page resumes a room by the content of the last message it showed, not by its seq: away while its room
     * emptied and started again at 1, it shows all that was said there since, after a line saying that the room
     * started over (by seq alone it would have shown only what was numbered after its last seq, hiding the first).
     * Its member list is the welcome's, then follows each joined and left.
     */
    @Test
    void aPageAwayWhileItsRoomStartedOverShowsEverythingSaidThereSince() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            browser.beforeEveryPage(KEEP_SOCKETS);
            WebDriver alice = open(browser, "alice", "restart");
            say(alice, "before the room emptied");
            assertEquals(List.of("1 alice: before the room emptied"), awaitMessages(alice, 1));
            awaitMembers(alice, "alice");

            // the page's chat connection drops; with no ticket left the page waits, and its room empties
            ((JavascriptExecutor) alice).executeScript(
                    "window.pqwsSockets.filter((s) => s.url.includes('/chat/')).forEach((s) => s.close());");
            new WebDriverWait(alice, WAIT).until(
                    ExpectedConditions.attributeToBe(By.id("chat-status"), "data-state", "waiting"));
            try (WssConnection bob = joinEmptyRoom("bob", "restart")) {
                List<Integer> numbers = new ArrayList<>();
                for (String text : List.of("first in the new room", "second in the new room")) {
                    bob.sendText(ChatIT.say(text));
                    numbers.add(Users.nextOfType(bob, "message").getInt("seq"));
                }
                assertEquals(List.of(1, 2), numbers, "positive control: the room started again at 1");
                ((JavascriptExecutor) alice).executeScript("location.hash = arguments[0];",
                        "tickets=" + Users.ticketFor("alice"));
                new WebDriverWait(alice, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("chat-log"), "second in the new room")); // the welcome's last: all of it is shown
                assertEquals(List.of("1 alice: before the room emptied",
                        "gap The room started over (the server lost its history); earlier messages above may not "
                                + "be continued.",
                        "1 bob: first in the new room", "2 bob: second in the new room"), log(alice));
                awaitMembers(alice, "alice", "bob");
                try (WssConnection carol = Users.connect("carol", "chat/restart")) {
                    Users.nextOfType(carol, "welcome");
                    awaitMembers(alice, "alice", "bob", "carol");
                    bob.sendText("{\"type\":\"leave\"}");
                    awaitMembers(alice, "alice", "carol");
                }
                awaitMembers(alice, "alice");
            }
        }
    }

    /**
     * Joins the room as the user once the room is empty here: the page's close may still be on its way to the room
     * when the page shows that it lost its connection. Returns the connection, welcomed, with seq 1 still to come.
     */
    private static WssConnection joinEmptyRoom(String user, String room) throws Exception {
        WssConnection connection = Users.connect(user, "chat/" + room);
        List<String> members = strings(Users.nextOfType(connection, "welcome"));
        if (!members.equals(List.of(Users.principal(user)))) {
            Users.nextOfType(connection, "presence"); // the page's user left: the room is the user's alone now
            connection.sendText("{\"type\":\"leave\"}");
            connection.awaitClose(WAIT).orElseThrow();
            connection.close();
            connection = Users.connect(user, "chat/" + room);
            members = strings(Users.nextOfType(connection, "welcome"));
        }
        assertEquals(List.of(Users.principal(user)), members, "positive control: the room was empty");
        return connection;
    }

    private static List<String> strings(JsonObject welcome) {
        return welcome.getJsonArray("members").getValuesAs(JsonString.class).stream().map(JsonString::getString)
                .toList();
    }

    /**
     * Waits until the page's member list names exactly these users, in this order. The page redraws the list on every
     * presence change, so an item found a moment ago may be gone (stale) when read: that round is simply retried.
     */
    private static void awaitMembers(WebDriver driver, String... users) {
        List<String> expected = Arrays.stream(users).map(Users::principal).toList();
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "members " + expected).until(d -> expected.equals(
                d.findElements(By.cssSelector("#chat-members li")).stream()
                        .map(item -> item.getAttribute("data-principal")).toList()));
    }

    /** The whole chat log: messages as "seq name: text", gap lines as "gap text". */
    private static List<String> log(WebDriver driver) {
        return driver.findElements(By.cssSelector("#chat-log li")).stream()
                .map(item -> (item.getAttribute("data-seq") == null ? "gap" : item.getAttribute("data-seq")) + " "
                        + item.getText()).toList();
    }

    /** Loads the page as the user, with two fresh tickets in the fragment, and waits until both panels are live. */
    private static WebDriver open(HeadlessChromium browser, String user, String room) throws Exception {
        WebDriver driver = browser.driver();
        String fragment = "#room=" + room + "&tickets=" + Users.ticketFor(user) + "," + Users.ticketFor(user);
        driver.get(PqwsServer.https("") + fragment);
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(ExpectedConditions.attributeToBe(By.id("chat-status"), "data-state", "joined"));
        wait.until(ExpectedConditions.attributeToBe(By.id("notify-status"), "data-state", "ready"));
        return driver;
    }

    private static void say(WebDriver driver, String text) {
        WebElement input = driver.findElement(By.id("chat-input"));
        input.sendKeys(text);
        driver.findElement(By.id("chat-send")).click();
    }

    /** The chat log once it holds {@code count} lines, as "seq name: text". */
    private static List<String> awaitMessages(WebDriver driver, int count) {
        new WebDriverWait(driver, WAIT).until(
                ExpectedConditions.numberOfElementsToBe(By.cssSelector("#chat-log li"), count));
        return driver.findElements(By.cssSelector("#chat-log li")).stream()
                .map(item -> item.getAttribute("data-seq") + " " + item.getText()).toList();
    }

    private static List<String> titles(WebDriver driver) {
        return driver.findElements(By.cssSelector("#notify-log li .title")).stream().map(WebElement::getText)
                .toList();
    }

    private static String notification(String user, String title) {
        return Json.createObjectBuilder().add("user", Users.principal(user)).add("title", title).build().toString();
    }
}
