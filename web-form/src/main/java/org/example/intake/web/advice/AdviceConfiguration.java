package org.example.intake.web.advice;

import org.example.intake.web.IntakeProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The words of the advice, with the service's own "what happens next" when it sets one. */
@Configuration(proxyBeanMethods = false)
public class AdviceConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AdviceWords intakeAdviceWords(IntakeProperties properties) {
        return new AdviceWords(properties.advice().whatHappensNext());
    }
}
