package io.pqws.it;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.pqws.testsupport.HeadlessChromium;

/** What the module's page tells a person about the connection it holds, read from a real headless Chromium. */
record PageVerdict(String state, String title, String group) {

    static PageVerdict load(HeadlessChromium chromium, String url) {
        WebDriver driver = chromium.driver();
        driver.get(url);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.not(
                ExpectedConditions.attributeToBe(By.id("verdict"), "class", "verdict pending")));
        return new PageVerdict(driver.findElement(By.id("verdict")).getAttribute("data-state"),
                driver.findElement(By.id("verdict-title")).getText(), driver.findElement(By.id("group")).getText());
    }
}
