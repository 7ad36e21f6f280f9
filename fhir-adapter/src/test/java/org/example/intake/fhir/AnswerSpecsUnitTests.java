package org.example.intake.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.example.intake.core.answers.QuestionnaireVersion;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader's specs made from intake-core alone, held to those compiled from the FHIR
 * Questionnaires shipped in this module: the same groups (order, required), the same questions
 * (group, type, required, range, answer options, enableWhen) and the same choice of version.
 */
class AnswerSpecsUnitTests {

    private final IntakeQuestionnaires standard = IntakeQuestionnaires.standard();

    @Test
    void everyVersionFromIntakeCore_equalsTheCompiledQuestionnaire() {
        AnswerSpecs fromQuestionnaires = AnswerSpecs.of(standard);

        assertThat(AnswerSpecs.core().all()).hasSize(QuestionnaireVersion.values().length)
                .containsExactlyElementsOf(fromQuestionnaires.all());
        for (AnswerSpecs.VersionSpec version : AnswerSpecs.core().all()) {
            // not vacuous: an optional group, required questions, enableWhen, ranges and options in each
            assertThat(version.groups()).anyMatch(group -> !group.required()).anyMatch(AnswerSpecs.GroupSpec::required);
            assertThat(version.groups()).flatMap(AnswerSpecs.GroupSpec::items)
                    .anyMatch(item -> !item.enabledWhenAnyTrue().isEmpty())
                    .anyMatch(item -> item.min() != null && item.max() != null)
                    .anyMatch(item -> !item.options().isEmpty())
                    .anyMatch(AnswerSpecs.ItemSpec::required);
        }
    }

    @Test
    void theUrlIsTheQuestionnaires() {
        assertThat(AnswerSpecs.URL).isEqualTo(standard.url());
        assertThat(AnswerSpecs.of(standard).url()).isEqualTo(standard.url());
    }

    @Test
    void theCanonicalsNamedInMessages_areTheQuestionnaires() {
        assertThat(AnswerSpecs.core().canonicals()).isEqualTo(standard.canonicals());
        assertThat(AnswerSpecs.core().current().canonical()).isEqualTo(standard.current().canonical());
        for (IntakeQuestionnaire questionnaire : standard.all()) {
            assertThat(AnswerSpecs.core().resolve(questionnaire.canonical()).canonical())
                    .isEqualTo(questionnaire.canonical());
        }
    }

    @Test
    void aCanonicalResolvesToTheVersionTheQuestionnairesPick() {
        String url = standard.url();
        List<String> canonicals = new java.util.ArrayList<>(Arrays.asList(null, "", url, url + "|", url + "|1.0.0",
                url + "|1.1.0", url + "|1.2.0", url + "|1.3.0", url + "|1.2", url + "x|1.2.0", url + "/|1.2.0",
                url.toUpperCase(), url + "|1.2.0|1.2.0", "|1.2.0", url.substring(0, url.length() - 1)));
        for (String canonical : canonicals) {
            QuestionnaireVersion picked = standard.resolve(canonical).map(IntakeQuestionnaire::questionnaireVersion)
                    .orElse(null);
            AnswerSpecs.VersionSpec spec = AnswerSpecs.core().resolve(canonical);
            assertThat(spec == null ? null : spec.version()).as(String.valueOf(canonical)).isEqualTo(picked);
        }
        assertThat(AnswerSpecs.core().resolve(url).version()).isEqualTo(QuestionnaireVersion.CURRENT);
    }
}
