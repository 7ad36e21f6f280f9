package org.example.intake.web.retriage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuleSetVersionsUnitTests {

    @Test
    void anEarlierVersionIsOlder_numberByNumber_notLetterByLetter() {
        assertThat(RuleSetVersions.isOlder("1.1.0", "1.2.0")).isTrue();
        assertThat(RuleSetVersions.isOlder("1.0.0", "1.2.0")).isTrue();
        assertThat(RuleSetVersions.isOlder("1.9.0", "1.10.0")).isTrue();
        assertThat(RuleSetVersions.isOlder("1.2", "1.2.1")).isTrue();
    }

    @Test
    void theSameOrANewerVersionIsNotOlder_soANodeOnOlderRulesNeverRetriagesWhatANewerOneTriaged() {
        assertThat(RuleSetVersions.isOlder("1.2.0", "1.2.0")).isFalse();
        assertThat(RuleSetVersions.isOlder("1.2", "1.2.0")).isFalse();
        assertThat(RuleSetVersions.isOlder("1.3.0", "1.2.0")).isFalse();
        assertThat(RuleSetVersions.isOlder("2.0.0", "1.2.0")).isFalse();
    }

    @Test
    void aVersionThatIsNotDottedNumbersIsNeverOlder() {
        assertThat(RuleSetVersions.isOlder("seed", "1.2.0")).isFalse();
        assertThat(RuleSetVersions.isOlder("", "1.2.0")).isFalse();
        assertThat(RuleSetVersions.isOlder(null, "1.2.0")).isFalse();
        assertThat(RuleSetVersions.isOlder("1.1.0-rc1", "1.2.0")).isFalse();
    }
}
