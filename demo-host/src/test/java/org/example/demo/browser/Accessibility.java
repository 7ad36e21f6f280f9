package org.example.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/** axe-core in the test's own browser: no page may have a serious or critical violation. */
final class Accessibility {

    private Accessibility() {
    }

    static void assertNoSeriousAccessibilityViolation(Browser browser, String page) {
        Results results = new AxeBuilder().analyze(browser.driver);
        List<Rule> serious = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())).toList();
        assertThat(serious).as(page + ": " + serious.stream().map(r -> r.getId() + " " + r.getHelp()).toList())
                .isEmpty();
    }
}
