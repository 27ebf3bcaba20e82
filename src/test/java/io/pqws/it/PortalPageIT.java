package io.pqws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.pqws.testsupport.HeadlessChromium;
import jakarta.json.Json;

/**
 * The page's chat and notification panels in two real headless Chromium browsers, one per user. Each user's
 * tickets are obtained the way a portal would (an authenticated REST call) and handed to the page in the URL
 * fragment, which never reaches the server or its logs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PortalPageIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment(testable = false)
    static WebArchive war() {
        return PqwsServer.builtWar();
    }

    @Test
    void twoUsersChatInOrderAndANotificationReachesOnlyItsUser() throws Exception {
        try (HeadlessChromium aliceBrowser = HeadlessChromium.start(PqwsServer.serverCertificate());
                HeadlessChromium bobBrowser = HeadlessChromium.start(PqwsServer.serverCertificate())) {
            WebDriver alice = open(aliceBrowser, "alice");
            WebDriver bob = open(bobBrowser, "bob");

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

    /** Loads the page as the user, with two fresh tickets in the fragment, and waits until both panels are live. */
    private static WebDriver open(HeadlessChromium browser, String user) throws Exception {
        WebDriver driver = browser.driver();
        String fragment = "#room=browser&tickets=" + Users.ticketFor(user) + "," + Users.ticketFor(user);
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

    /** The chat log once it holds {@code count} messages, as "seq name: text". */
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
