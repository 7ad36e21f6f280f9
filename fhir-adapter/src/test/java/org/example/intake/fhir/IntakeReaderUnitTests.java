package org.example.intake.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.example.intake.core.answers.Onset;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.core.answers.Standing;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IntakeReaderUnitTests {

    private final IntakeReader reader = new IntakeReader();

    @Test
    void benignCompleteResponse_isAcceptedWithTypedAnswers() {
        String json = Responses.benign().set(Question.PAIN_SEVERITY, 6).set(Question.ONSET, "weeks").json();

        IntakeReading reading = reader.read(json);

        assertThat(reading).isInstanceOf(IntakeReading.Accepted.class);
        IntakeReading.Accepted accepted = (IntakeReading.Accepted) reading;
        assertThat(accepted.id()).isEqualTo("qr-1");
        assertThat(accepted.answers().integer(Question.PAIN_SEVERITY)).hasValue(6);
        assertThat(accepted.answers().onset()).contains(Onset.WEEKS);
        assertThat(accepted.outcome().getIssue()).singleElement()
                .satisfies(issue -> assertThat(issue.getSeverity()).isEqualTo(IssueSeverity.INFORMATION))
                .satisfies(issue -> assertThat(issue.getDiagnostics()).isEqualTo("The QuestionnaireResponse is valid"
                        + " against Questionnaire " + Responses.CANONICAL + "|1.2.0."));
        assertThat(accepted.answers().version()).isEqualTo(QuestionnaireVersion.V1_2_0);
        assertThat(accepted.answers().standing()).contains(Standing.CAN_STAND);
        assertThat(accepted.answers().bool(Question.PREGNANT)).contains(false);
    }

    @Nested
    class Versions {

        @Test
        void aResponseTo1_0_0_isCheckedAgainst1_0_0_andAccepted() {
            IntakeReading reading = reader.read(Responses.benign1_0_0().json());

            assertThat(reading).isInstanceOf(IntakeReading.Accepted.class);
            assertThat(((IntakeReading.Accepted) reading).answers().version()).isEqualTo(QuestionnaireVersion.V1_0_0);
            assertThat(reading.outcome().getIssueFirstRep().getDiagnostics())
                    .isEqualTo("The QuestionnaireResponse is valid against Questionnaire " + Responses.CANONICAL
                            + "|1.0.0.");
        }

        @Test
        void aResponseTo1_1_0_isCheckedAgainst1_1_0_andAccepted_withItsRetiredQuestionsAnswered() {
            IntakeReading reading = reader.read(Responses.benign1_1_0().set(Question.RADIATES, true)
                    .set(Question.RADIATES_BELOW_KNEE, false).set(Question.BOTH_LEGS, true).json());

            assertThat(reading).isInstanceOfSatisfying(IntakeReading.Accepted.class, accepted -> {
                assertThat(accepted.answers().version()).isEqualTo(QuestionnaireVersion.V1_1_0);
                assertThat(accepted.answers().bool(Question.BOTH_LEGS)).contains(true);
                assertThat(accepted.answers().bool(Question.CAN_BEAR_WEIGHT)).contains(true);
                assertThat(accepted.answers().isAnswered(Question.STANDING)).isFalse();
            });
            assertThat(reading.outcome().getIssueFirstRep().getDiagnostics())
                    .isEqualTo("The QuestionnaireResponse is valid against Questionnaire " + Responses.CANONICAL
                            + "|1.1.0.");
        }

        @Test
        void aResponseNaming1_2_0_isCheckedAgainst1_2_0() {
            IntakeReading reading = reader.read(Responses.benign().questionnaire(Responses.CANONICAL + "|1.2.0").json());

            assertThat(((IntakeReading.Accepted) reading).answers().version()).isEqualTo(QuestionnaireVersion.V1_2_0);
            assertThat(reading.outcome().getIssueFirstRep().getDiagnostics()).endsWith("|1.2.0.");
        }

        @Test
        void aResponseWithoutVersion_isCheckedAgainstTheCurrentVersion_1_2_0() {
            IntakeReading reading = reader.read(Responses.benign().questionnaire(Responses.CANONICAL).json());

            assertThat(((IntakeReading.Accepted) reading).answers().version()).isEqualTo(QuestionnaireVersion.V1_2_0);
        }

        @Test
        void aResponseWithoutVersion_thatAnswers1_1_0sQuestions_isRefusedAsA1_2_0Response() {
            String json = Responses.benign1_1_0().questionnaire(Responses.CANONICAL).json();

            assertThat(problems(json)).containsExactly("unknown-link-id@QuestionnaireResponse.item[0].item[8]",
                    "missing-answer@QuestionnaireResponse.item[0]", "missing-answer@QuestionnaireResponse.item[3]");
        }

        @Test
        void aResponseTo1_0_0_mayLeaveIvDrugUseUnanswered_butNot1_1_0() {
            assertThat(reader.read(Responses.benign1_0_0().remove(Question.IV_DRUG_USE).json()))
                    .isInstanceOf(IntakeReading.Accepted.class);
            assertThat(problems(Responses.benign1_1_0().remove(Question.IV_DRUG_USE).json()))
                    .containsExactly("missing-answer@QuestionnaireResponse.item[3]");
            assertThat(problems(Responses.benign().remove(Question.IV_DRUG_USE).json()))
                    .containsExactly("missing-answer@QuestionnaireResponse.item[3]");
        }

        @Test
        void aResponseTo1_1_0_mustAnswerEveryNewQuestion() {
            String json = Responses.benign1_1_0().remove(Question.CAN_BEAR_WEIGHT).remove(Question.VERY_UNWELL)
                    .remove(Question.BLOOD_THINNERS).json();

            assertThat(problems(json)).containsExactly("missing-answer@QuestionnaireResponse.item[0]",
                    "missing-answer@QuestionnaireResponse.item[2]", "missing-answer@QuestionnaireResponse.item[3]");
        }

        @Test
        void aResponseTo1_2_0_mustAnswerStandingAndPregnant() {
            String json = Responses.benign().remove(Question.STANDING).remove(Question.PREGNANT).json();

            IntakeReading reading = reader.read(json);

            assertThat(codes(reading.outcome())).containsExactly("missing-answer@QuestionnaireResponse.item[0]",
                    "missing-answer@QuestionnaireResponse.item[3]");
            assertThat(reading.outcome().getIssue()).extracting(OperationOutcomeIssueComponent::getDiagnostics)
                    .contains("'standing' in group 'cramp' needs an answer.",
                            "'pregnant' in group 'history' needs an answer.");
        }

        @Test
        void aResponseTo1_2_0_answeringTheRetiredBothLegs_isRefused_namingTheQuestionsThatReplacedIt() {
            String json = Responses.benign().set(Question.RADIATES, true).set(Question.RADIATES_BELOW_KNEE, false)
                    .set(Question.PAIN_BOTH_LEGS, false).set(Question.BOTH_LEGS, true).json();

            IntakeReading reading = reader.read(json);

            assertThat(codes(reading.outcome())).containsExactly("unknown-link-id@QuestionnaireResponse.item[1].item[5]");
            assertThat(reading.outcome().getIssueFirstRep().getDiagnostics()).isEqualTo("'both-legs' is not an item of "
                    + Responses.CANONICAL + "|1.2.0: only questionnaire versions 1.0.0, 1.1.0 ask it ('pain-both-legs',"
                    + " 'numbness-both-legs', 'weakness-both-legs' replaced it in 1.2.0). A response answers the"
                    + " questions of the version it names.");
        }

        @Test
        void aResponseTo1_2_0_answeringTheRetiredCanBearWeight_isRefused_namingStanding() {
            String json = Responses.benign().set(Question.CAN_BEAR_WEIGHT, true).json();

            IntakeReading reading = reader.read(json);

            assertThat(codes(reading.outcome())).containsExactly("unknown-link-id@QuestionnaireResponse.item[0].item[8]");
            assertThat(reading.outcome().getIssueFirstRep().getDiagnostics()).isEqualTo("'can-bear-weight' is not an"
                    + " item of " + Responses.CANONICAL + "|1.2.0: only questionnaire version 1.1.0 asks it ('standing'"
                    + " replaced it in 1.2.0). A response answers the questions of the version it names.");
        }

        @Test
        void aResponseTo1_1_0_answeringStanding_isRefused() {
            String json = Responses.benign1_1_0().set(Question.STANDING, "can-stand").json();

            IntakeReading reading = reader.read(json);

            assertThat(codes(reading.outcome())).containsExactly("unknown-link-id@QuestionnaireResponse.item[0].item[9]");
            assertThat(reading.outcome().getIssueFirstRep().getDiagnostics()).isEqualTo("'standing' is not an item of "
                    + Responses.CANONICAL + "|1.1.0: only questionnaire version 1.2.0 asks it. A response answers the"
                    + " questions of the version it names.");
        }

        @Test
        void aResponseTo1_1_0_answeringAnyQuestionOnly1_2_0Asks_isRefused() {
            assertThat(problems(Responses.benign1_1_0().set(Question.PREGNANT, false).json()))
                    .containsExactly("unknown-link-id@QuestionnaireResponse.item[3].item[1]");
            assertThat(problems(Responses.benign1_1_0().set(Question.NUMBNESS_TINGLING, true)
                    .set(Question.BOTH_LEGS, false).set(Question.NUMBNESS_WORSENING, false).json()))
                    .containsExactly("unknown-link-id@QuestionnaireResponse.item[1].item[2]");
        }

        @Test
        void aResponseTo1_0_0_cannotAnswerAQuestionOnlyLaterVersionsAsk() {
            String json = Responses.benign1_0_0().set(Question.CALF_SWELLING, false).json();

            assertThat(problems(json)).containsExactly("unknown-link-id@QuestionnaireResponse.item[2].item[9]");
        }

        @Test
        void aResponseToAnUnknownVersion_isRefusedAndStillCheckedAgainstTheCurrentOne() {
            for (String version : List.of("1.0.1", "1.2.1", "1.3.0", "2.0.0")) {
                String json = Responses.benign().questionnaire(Responses.CANONICAL + "|" + version).remove(Question.AGE)
                        .json();

                IntakeReading reading = reader.read(json);

                assertThat(codes(reading.outcome())).as(version).containsExactly(
                        "wrong-questionnaire@QuestionnaireResponse.questionnaire",
                        "missing-answer@QuestionnaireResponse.item[3]");
                assertThat(reading.outcome().getIssueFirstRep().getDiagnostics()).as(version).contains(
                        Responses.CANONICAL + "|1.0.0", Responses.CANONICAL + "|1.1.0", Responses.CANONICAL + "|1.2.0",
                        "no version means 1.2.0");
            }
        }

        @Test
        void aRefusalNamesTheVersionItWasCheckedAgainstInALastInformationIssue() {
            IntakeReading reading = reader.read(Responses.benign1_0_0().remove(Question.AGE).json());

            List<OperationOutcomeIssueComponent> issues = reading.outcome().getIssue();
            assertThat(issues.get(issues.size() - 1).getDiagnostics())
                    .isEqualTo("Checked against Questionnaire " + Responses.CANONICAL + "|1.0.0.");
        }
    }

    /** The questions 1.2.0 added: answer types, codes, required-ness and enableWhen. */
    @Nested
    class QuestionsOf1_2_0 {

        @ParameterizedTest
        @EnumSource(Standing.class)
        void standing_acceptsEachOfItsThreeCodes(Standing standing) {
            IntakeReading reading = reader.read(Responses.benign().set(Question.STANDING, standing.code()).json());

            assertThat(reading).isInstanceOfSatisfying(IntakeReading.Accepted.class,
                    accepted -> assertThat(accepted.answers().standing()).contains(standing));
        }

        @Test
        void standing_withAnUnknownCode_isRefusedAsUnknownCode_listingTheThreeItTakes() {
            IntakeReading reading = reader.read(Responses.benign().set(Question.STANDING, "yes").json());

            assertThat(codes(reading.outcome()))
                    .containsExactly("unknown-code@QuestionnaireResponse.item[0].item[8].answer[0].value");
            assertThat(reading.outcome().getIssueFirstRep().getDiagnostics()).isEqualTo(
                    "'yes' is not an answer option of 'standing'; use one of can-stand, cannot-stand, could-not-before.");
        }

        @Test
        void standing_withAnotherQuestionsCode_orAnotherSystem_isRefusedAsUnknownCode() {
            assertThat(problems(Responses.benign().set(Question.STANDING, "improving").json()))
                    .containsExactly("unknown-code@QuestionnaireResponse.item[0].item[8].answer[0].value");
            assertThat(problems(Responses.benign().setRaw(Question.STANDING,
                    new Coding("http://snomed.info/sct", "can-stand", null)).json()))
                    .containsExactly("unknown-code@QuestionnaireResponse.item[0].item[8].answer[0].value.system");
        }

        @Test
        void standing_answeredYesOrNo_isRefusedAsWrongType() {
            assertThat(problems(Responses.benign().setRaw(Question.STANDING, new BooleanType(true)).json()))
                    .containsExactly("wrong-type@QuestionnaireResponse.item[0].item[8].answer[0].value");
        }

        @Test
        void painBothLegs_whileRadiatesIsFalse_isAnAnswerToADisabledItem() {
            IntakeReading reading = reader.read(Responses.benign().set(Question.PAIN_BOTH_LEGS, true).json());

            assertThat(codes(reading.outcome()))
                    .containsExactly("answer-to-disabled-item@QuestionnaireResponse.item[1].item[1]");
            assertThat(reading.outcome().getIssueFirstRep().getDiagnostics())
                    .isEqualTo("'pain-both-legs' is only asked when 'radiates' is true, so it must not be answered.");
        }

        @Test
        void painBothLegs_whenRadiatesIsTrue_isRequired() {
            IntakeReading reading = reader.read(Responses.benign().set(Question.RADIATES, true)
                    .set(Question.RADIATES_BELOW_KNEE, true).json());

            assertThat(codes(reading.outcome())).containsExactly("missing-answer@QuestionnaireResponse.item[1]");
            assertThat(reading.outcome().getIssueFirstRep().getDiagnostics())
                    .isEqualTo("'pain-both-legs' in group 'leg' needs an answer.");
        }

        @Test
        void numbnessBothLegsAndNumbnessWorsening_whenNumbnessTinglingIsTrue_areRequired() {
            assertThat(problems(Responses.benign().set(Question.NUMBNESS_TINGLING, true).json())).containsExactly(
                    "missing-answer@QuestionnaireResponse.item[1]", "missing-answer@QuestionnaireResponse.item[1]");
            assertThat(problems(Responses.benign().set(Question.NUMBNESS_TINGLING, true)
                    .set(Question.NUMBNESS_BOTH_LEGS, true).json()))
                    .containsExactly("missing-answer@QuestionnaireResponse.item[1]");
            assertThat(reader.read(Responses.benign().set(Question.NUMBNESS_TINGLING, true)
                    .set(Question.NUMBNESS_BOTH_LEGS, true).set(Question.NUMBNESS_WORSENING, false).json()))
                    .isInstanceOfSatisfying(IntakeReading.Accepted.class, accepted -> {
                        assertThat(accepted.answers().bool(Question.NUMBNESS_BOTH_LEGS)).contains(true);
                        assertThat(accepted.answers().bool(Question.NUMBNESS_WORSENING)).contains(false);
                    });
        }

        @Test
        void numbnessBothLegsAndNumbnessWorsening_whileNumbnessTinglingIsFalse_areAnswersToDisabledItems() {
            assertThat(problems(Responses.benign().set(Question.NUMBNESS_BOTH_LEGS, false).json()))
                    .containsExactly("answer-to-disabled-item@QuestionnaireResponse.item[1].item[2]");
            assertThat(problems(Responses.benign().set(Question.NUMBNESS_WORSENING, true).json()))
                    .containsExactly("answer-to-disabled-item@QuestionnaireResponse.item[1].item[2]");
        }

        @Test
        void weaknessBothLegs_whenLegWeaknessIsTrue_isRequired_andOtherwiseRefused() {
            assertThat(problems(Responses.benign().set(Question.LEG_WEAKNESS, true)
                    .set(Question.WEAKNESS_PROGRESSING, false).json()))
                    .containsExactly("missing-answer@QuestionnaireResponse.item[1]");
            assertThat(problems(Responses.benign().set(Question.WEAKNESS_BOTH_LEGS, true).json()))
                    .containsExactly("answer-to-disabled-item@QuestionnaireResponse.item[1].item[3]");
            assertThat(reader.read(Responses.benign().set(Question.LEG_WEAKNESS, true)
                    .set(Question.WEAKNESS_PROGRESSING, false).set(Question.WEAKNESS_BOTH_LEGS, true).json()))
                    .isInstanceOf(IntakeReading.Accepted.class);
        }

        @Test
        void theBothLegsQuestions_areEachEnabledOnlyByTheirOwnSymptom() {
            // radiates alone does not enable weakness-both-legs, as 1.1.0's both-legs was enabled by any of three
            assertThat(problems(Responses.benign().set(Question.RADIATES, true).set(Question.RADIATES_BELOW_KNEE, false)
                    .set(Question.PAIN_BOTH_LEGS, false).set(Question.WEAKNESS_BOTH_LEGS, false).json()))
                    .containsExactly("answer-to-disabled-item@QuestionnaireResponse.item[1].item[5]");
        }

        @Test
        void pregnant_isRequired_andABooleanAnswer() {
            assertThat(problems(Responses.benign().remove(Question.PREGNANT).json()))
                    .containsExactly("missing-answer@QuestionnaireResponse.item[3]");
            assertThat(problems(Responses.benign().setRaw(Question.PREGNANT, new StringType("no")).json()))
                    .containsExactly("wrong-type@QuestionnaireResponse.item[3].item[1].answer[0].value");
            assertThat(reader.read(Responses.benign().set(Question.PREGNANT, true).json()))
                    .isInstanceOfSatisfying(IntakeReading.Accepted.class,
                            accepted -> assertThat(accepted.answers().isTrue(Question.PREGNANT)).isTrue());
        }
    }

    @Nested
    class ModifierExtensions {

        private static final String MODIFIER = "{\"url\":\"http://example.org/fhir/StructureDefinition/negated\",\"valueBoolean\":true}";

        @Test
        void aModifierExtensionOnTheResponse_isRefused() {
            String json = Responses.benign().json().replaceFirst("\\{", "{\"modifierExtension\":[" + MODIFIER + "],");

            assertThat(problems(json)).containsExactly("unsupported-modifier@QuestionnaireResponse.modifierExtension[0]");
        }

        @Test
        void aModifierExtensionOnAnItem_isRefused() {
            QuestionnaireResponse response = Responses.benign().set(Question.SADDLE_NUMBNESS, true).build();
            response.getItem().get(2).getItem().get(0).addModifierExtension()
                    .setUrl("http://example.org/fhir/StructureDefinition/negated").setValue(new BooleanType(true));

            assertThat(problems(response))
                    .containsExactly("unsupported-modifier@QuestionnaireResponse.item[2].item[0].modifierExtension[0]");
        }

        @Test
        void aModifierExtensionOnAnAnswer_sentAsJson_isRefused() {
            String json = Responses.benign().set(Question.SADDLE_NUMBNESS, true).json()
                    .replace("\"linkId\":\"saddle-numbness\",\"answer\":[{\"valueBoolean\":true}]",
                            "\"linkId\":\"saddle-numbness\",\"answer\":[{\"modifierExtension\":[" + MODIFIER
                                    + "],\"valueBoolean\":true}]");

            assertThat(problems(json)).containsExactly(
                    "unsupported-modifier@QuestionnaireResponse.item[2].item[0].answer[0].modifierExtension[0]");
        }

        @Test
        void implicitRules_isRefused() {
            QuestionnaireResponse response = Responses.benign().build();
            response.setImplicitRules("http://example.org/rules");

            assertThat(problems(response)).containsExactly("unsupported-modifier@QuestionnaireResponse.implicitRules");
        }

        @Test
        void anOrdinaryExtension_isStillAccepted() {
            QuestionnaireResponse response = Responses.benign().build();
            response.getItem().get(2).getItem().get(0).addExtension()
                    .setUrl("http://example.org/fhir/StructureDefinition/note").setValue(new BooleanType(true));

            assertThat(reader.read(response)).isInstanceOf(IntakeReading.Accepted.class);
        }
    }

    @Test
    void questionnaireNamedWithoutVersion_isAccepted() {
        String json = Responses.benign().questionnaire(Responses.CANONICAL).json();

        assertThat(reader.read(json)).isInstanceOf(IntakeReading.Accepted.class);
    }

    @Test
    void questionnaireOfAnotherVersionOrUrl_isRefused() {
        assertThat(problems(Responses.benign().questionnaire(Responses.CANONICAL + "|2.0.0").json()))
                .containsExactly("wrong-questionnaire@QuestionnaireResponse.questionnaire");
        assertThat(problems(Responses.benign().questionnaire("http://example.org/fhir/Questionnaire/other").json()))
                .containsExactly("wrong-questionnaire@QuestionnaireResponse.questionnaire");
    }

    @Test
    void missingQuestionnaire_isRefused() {
        QuestionnaireResponse response = Responses.benign().build();
        response.setQuestionnaire(null);

        assertThat(problems(response)).containsExactly("missing-questionnaire@QuestionnaireResponse.questionnaire");
    }

    @Test
    void malformedJson_isRefusedAsMalformed() {
        assertThat(problems("{\"resourceType\": \"QuestionnaireResponse\", ")).containsExactly("malformed-json@");
        assertThat(problems("[1, 2]")).containsExactly("malformed-json@");
        assertThat(problems("")).containsExactly("malformed-json@");
        assertThat(problems((String) null)).containsExactly("malformed-json@");
    }

    @Test
    void anotherResourceType_isRefusedAsNotAQuestionnaireResponse() {
        assertThat(problems("{\"resourceType\":\"Patient\",\"id\":\"p1\"}"))
                .containsExactly("not-a-questionnaire-response@");
    }

    @Test
    void unknownResourceType_isRefusedAsMalformed() {
        assertThat(problems("{\"resourceType\":\"Banana\"}")).containsExactly("malformed-json@");
    }

    @Test
    void unknownJsonElement_isRefused() {
        String json = Responses.benign().json().replaceFirst("\\{", "{\"colour\":\"blue\",");

        assertThat(problems(json)).containsExactly("invalid-element@QuestionnaireResponse");
    }

    @Test
    void statusInProgress_isRefused_andMissingStatusToo() {
        assertThat(problems(Responses.benign().status(QuestionnaireResponseStatus.INPROGRESS).json()))
                .containsExactly("not-completed@QuestionnaireResponse.status");
        assertThat(problems(Responses.benign().status(null).build()))
                .containsExactly("missing-status@QuestionnaireResponse.status");
        assertThat(reader.read(Responses.benign().status(QuestionnaireResponseStatus.AMENDED).json()))
                .isInstanceOf(IntakeReading.Accepted.class);
    }

    @Test
    void unknownLinkIdInsideAGroup_isRefusedWithItsPath() {
        QuestionnaireResponse response = Responses.benign().build();
        response.getItem().get(2).addItem().setLinkId("toothache").addAnswer().setValue(new BooleanType(true));

        assertThat(problems(response)).containsExactly("unknown-link-id@QuestionnaireResponse.item[2].item[15]");
    }

    @Test
    void unknownTopLevelLinkId_isRefused() {
        QuestionnaireResponse response = Responses.benign().build();
        response.addItem().setLinkId("extra").addItem().setLinkId("fever");

        assertThat(problems(response)).containsExactly("unknown-link-id@QuestionnaireResponse.item[5]");
    }

    @Test
    void questionAtTopLevel_isRefusedAsMisplaced() {
        QuestionnaireResponse response = Responses.benign().remove(Question.FEVER).build();
        response.addItem().setLinkId("fever").addAnswer().setValue(new BooleanType(false));

        assertThat(problems(response)).containsExactly("misplaced-item@QuestionnaireResponse.item[5]",
                "missing-answer@QuestionnaireResponse.item[2]");
    }

    @Test
    void questionInTheWrongGroup_isRefusedAsMisplaced() {
        QuestionnaireResponse response = Responses.benign().remove(Question.FEVER).build();
        response.getItem().get(0).addItem().setLinkId("fever").addAnswer().setValue(new BooleanType(false));

        assertThat(problems(response)).containsExactly("misplaced-item@QuestionnaireResponse.item[0].item[9]",
                "missing-answer@QuestionnaireResponse.item[2]");
    }

    @Test
    void groupNestedInAGroup_isRefusedAsMisplaced() {
        QuestionnaireResponse response = Responses.benign().build();
        response.getItem().get(0).addItem().setLinkId("lifestyle");

        assertThat(problems(response)).containsExactly("misplaced-item@QuestionnaireResponse.item[0].item[9]");
    }

    @Test
    void questionNestedUnderAnotherQuestion_isRefused() {
        QuestionnaireResponse response = Responses.benign().build();
        response.getItem().get(0).getItem().get(0).addItem().setLinkId("side");

        assertThat(problems(response)).containsExactly("unexpected-nested-item@QuestionnaireResponse.item[0].item[0].item[0]");
    }

    @Test
    void itemWithoutLinkId_isRefused() {
        QuestionnaireResponse response = Responses.benign().build();
        response.getItem().get(1).addItem().addAnswer().setValue(new BooleanType(true));

        assertThat(problems(response)).containsExactly("missing-link-id@QuestionnaireResponse.item[1].item[3]");
    }

    @Test
    void repeatedGroupOrQuestion_isRefused() {
        QuestionnaireResponse twoGroups = Responses.benign().build();
        twoGroups.addItem(twoGroups.getItem().get(0).copy());
        QuestionnaireResponse twoItems = Responses.benign().build();
        twoItems.getItem().get(2).addItem(twoItems.getItem().get(2).getItem().get(0).copy());

        assertThat(problems(twoGroups)).containsExactly("repeated-item@QuestionnaireResponse.item[5]");
        assertThat(problems(twoItems)).containsExactly("repeated-item@QuestionnaireResponse.item[2].item[15]");
    }

    @Test
    void twoAnswersToANonRepeatingQuestion_areRefused() {
        QuestionnaireResponse response = Responses.benign().build();
        response.getItem().get(2).getItem().get(4).addAnswer().setValue(new BooleanType(true));

        assertThat(problems(response)).containsExactly("repeated-answer@QuestionnaireResponse.item[2].item[4].answer[1]");
    }

    @Test
    void answerOnAGroup_isRefused() {
        QuestionnaireResponse response = Responses.benign().build();
        response.getItem().get(3).addAnswer().setValue(new BooleanType(true));

        assertThat(problems(response)).containsExactly("unexpected-answer@QuestionnaireResponse.item[3].answer[0]");
    }

    @Test
    void emptyGroup_isRefused() {
        QuestionnaireResponse response = Responses.benign().remove(Question.LOW_FLUID).remove(Question.STRENUOUS_ACTIVITY)
                .remove(Question.PROLONGED_SITTING).remove(Question.PROLONGED_STANDING).remove(Question.FOOTWEAR).build();
        response.addItem().setLinkId("lifestyle");

        assertThat(problems(response)).containsExactly("empty-group@QuestionnaireResponse.item[4]");
    }

    @Test
    void answerWithoutValue_isRefused() {
        QuestionnaireResponse response = Responses.benign().build();
        response.getItem().get(2).getItem().get(4).getAnswerFirstRep().setValue(null);

        assertThat(problems(response)).containsExactly("missing-value@QuestionnaireResponse.item[2].item[4].answer[0]");
    }

    @Test
    void wrongValueTypes_areRefused() {
        assertThat(problems(Responses.benign().setRaw(Question.FEVER, new StringType("yes")).build()))
                .containsExactly("wrong-type@QuestionnaireResponse.item[2].item[4].answer[0].value");
        assertThat(problems(Responses.benign().setRaw(Question.PAIN_SEVERITY, new DecimalType("4.5")).build()))
                .containsExactly("wrong-type@QuestionnaireResponse.item[0].item[2].answer[0].value");
        assertThat(problems(Responses.benign().setRaw(Question.ONSET, new StringType("days")).build()))
                .containsExactly("wrong-type@QuestionnaireResponse.item[0].item[0].answer[0].value");
        assertThat(problems(Responses.benign().setRaw(Question.NOTES, new BooleanType(true)).build()))
                .containsExactly("wrong-type@QuestionnaireResponse.item[4].item[5].answer[0].value");
    }

    @Test
    void integersOutsideTheirRange_areRefused_andTheirBoundsAccepted() {
        assertThat(problems(Responses.benign().set(Question.PAIN_SEVERITY, 11).build()))
                .containsExactly("out-of-range@QuestionnaireResponse.item[0].item[2].answer[0].value");
        assertThat(problems(Responses.benign().set(Question.PAIN_SEVERITY, -1).build()))
                .containsExactly("out-of-range@QuestionnaireResponse.item[0].item[2].answer[0].value");
        assertThat(problems(Responses.benign().set(Question.AGE, 121).build()))
                .containsExactly("out-of-range@QuestionnaireResponse.item[3].item[0].answer[0].value");
        assertThat(reader.read(Responses.benign().set(Question.PAIN_SEVERITY, 10).set(Question.AGE, 120).build()))
                .isInstanceOf(IntakeReading.Accepted.class);
        assertThat(reader.read(Responses.benign().set(Question.PAIN_SEVERITY, 0).set(Question.AGE, 0).build()))
                .isInstanceOf(IntakeReading.Accepted.class);
    }

    @Test
    void codeNotInTheAnswerOptions_isRefused() {
        assertThat(problems(Responses.benign().set(Question.ONSET, "years").build()))
                .containsExactly("unknown-code@QuestionnaireResponse.item[0].item[0].answer[0].value");
        assertThat(problems(Responses.benign().setRaw(Question.SIDE, new Coding("http://snomed.info/sct", "left", null))
                .build())).containsExactly("unknown-code@QuestionnaireResponse.item[0].item[1].answer[0].value.system");
    }

    @Test
    void codingWithoutSystem_isAcceptedWithAWarning() {
        IntakeReading reading = reader.read(Responses.benign().setRaw(Question.SIDE, new Coding(null, "right", null))
                .build());

        assertThat(reading).isInstanceOf(IntakeReading.Accepted.class);
        assertThat(codes(reading.outcome())).containsExactly(
                "missing-code-system@QuestionnaireResponse.item[0].item[1].answer[0].value.system");
    }

    @Test
    void textOverItsLimit_isRefused_andTextAtItsLimitAccepted() {
        assertThat(problems(Responses.benign().set(Question.NOTES, "x".repeat(2001)).build()))
                .containsExactly("too-long@QuestionnaireResponse.item[4].item[5].answer[0].value");
        assertThat(reader.read(Responses.benign().set(Question.NOTES, "x".repeat(2000)).build()))
                .isInstanceOf(IntakeReading.Accepted.class);
    }

    @Test
    void missingRequiredAnswer_isRefusedAtItsGroup() {
        assertThat(problems(Responses.benign().remove(Question.SADDLE_NUMBNESS).build()))
                .containsExactly("missing-answer@QuestionnaireResponse.item[2]");
    }

    @Test
    void missingOptionalAnswers_areAccepted() {
        IntakeReading reading = reader.read(Responses.benign().remove(Question.LOW_FLUID)
                .remove(Question.STRENUOUS_ACTIVITY).remove(Question.PROLONGED_SITTING)
                .remove(Question.PROLONGED_STANDING).remove(Question.FOOTWEAR).build());

        assertThat(reading).isInstanceOf(IntakeReading.Accepted.class);
    }

    @Test
    void missingRequiredGroup_isOneIssue() {
        QuestionnaireResponse response = Responses.benign().build();
        response.getItem().remove(2);

        assertThat(problems(response)).containsExactly("missing-group@QuestionnaireResponse");
    }

    @Test
    void enabledConditionalQuestion_isRequired() {
        assertThat(problems(Responses.benign().set(Question.RADIATES, true).build()))
                .containsExactly("missing-answer@QuestionnaireResponse.item[1]", "missing-answer@QuestionnaireResponse.item[1]");
        assertThat(reader.read(Responses.benign().set(Question.RADIATES, true).set(Question.RADIATES_BELOW_KNEE, false)
                .set(Question.PAIN_BOTH_LEGS, false).build())).isInstanceOf(IntakeReading.Accepted.class);
    }

    @Test
    void disabledConditionalQuestion_needsNoAnswer_butRefusesOne() {
        assertThat(problems(Responses.benign().set(Question.RADIATES_BELOW_KNEE, true).build()))
                .containsExactly("answer-to-disabled-item@QuestionnaireResponse.item[1].item[1]");
        assertThat(problems(Responses.benign().set(Question.WEAKNESS_PROGRESSING, false).build()))
                .containsExactly("answer-to-disabled-item@QuestionnaireResponse.item[1].item[3]");
        assertThat(problems(Responses.benign1_1_0().set(Question.BOTH_LEGS, true).build()))
                .containsExactly("answer-to-disabled-item@QuestionnaireResponse.item[1].item[3]");
    }

    @Test
    void bothLegsOf1_1_0_isEnabledByAnyOfItsThreeConditions() {
        for (Question condition : List.of(Question.RADIATES, Question.NUMBNESS_TINGLING, Question.LEG_WEAKNESS)) {
            Responses responses = Responses.benign1_1_0().set(condition, true).set(Question.BOTH_LEGS, false);
            if (condition == Question.RADIATES) {
                responses.set(Question.RADIATES_BELOW_KNEE, false);
            }
            if (condition == Question.LEG_WEAKNESS) {
                responses.set(Question.WEAKNESS_PROGRESSING, false);
            }

            assertThat(reader.read(responses.build())).as(condition.linkId()).isInstanceOf(IntakeReading.Accepted.class);
        }
    }

    @Test
    void wronglyTypedCondition_doesNotAlsoBlameItsDependants() {
        QuestionnaireResponse response = Responses.benign().setRaw(Question.LEG_WEAKNESS, new IntegerType(1))
                .set(Question.WEAKNESS_PROGRESSING, true).build();

        assertThat(problems(response)).containsExactly("wrong-type@QuestionnaireResponse.item[1].item[2].answer[0].value");
    }

    @Test
    void aQuestionAnotherConditionEnables_isJudgedEvenWhenOneConditionIsWronglyTyped() {
        QuestionnaireResponse unanswered = Responses.benign1_1_0().setRaw(Question.RADIATES, new IntegerType(1))
                .set(Question.NUMBNESS_TINGLING, true).build();
        QuestionnaireResponse disabled = Responses.benign1_1_0().setRaw(Question.RADIATES, new IntegerType(1))
                .set(Question.BOTH_LEGS, true).build();

        assertThat(problems(unanswered)).as("numbness-tingling yes asks both-legs, whatever radiates says")
                .containsExactly("wrong-type@QuestionnaireResponse.item[1].item[0].answer[0].value",
                        "missing-answer@QuestionnaireResponse.item[1]");
        assertThat(problems(disabled)).as("whether radiates asks both-legs is unknown: not blamed")
                .containsExactly("wrong-type@QuestionnaireResponse.item[1].item[0].answer[0].value");
    }

    @Test
    void severalProblems_areAllReportedAtOnce() {
        QuestionnaireResponse response = Responses.benign().set(Question.PAIN_SEVERITY, 12).set(Question.ONSET, "soon")
                .remove(Question.AGE).status(QuestionnaireResponseStatus.STOPPED).build();

        assertThat(problems(response)).containsExactlyInAnyOrder("not-completed@QuestionnaireResponse.status",
                "unknown-code@QuestionnaireResponse.item[0].item[0].answer[0].value",
                "out-of-range@QuestionnaireResponse.item[0].item[2].answer[0].value",
                "missing-answer@QuestionnaireResponse.item[3]");
    }

    @Test
    void issueMessages_neverQuoteFreeText() {
        String secret = "my neighbour's name is Kim";
        QuestionnaireResponse response = Responses.benign().set(Question.NOTES, secret + "x".repeat(2000)).build();

        OperationOutcome outcome = reader.read(response).outcome();

        assertThat(outcome.getIssueFirstRep().getDiagnostics()).doesNotContain("Kim");
    }

    private List<String> problems(String json) {
        IntakeReading reading = reader.read(json);
        assertThat(reading).isInstanceOf(IntakeReading.Rejected.class);
        return codes(reading.outcome());
    }

    private List<String> problems(QuestionnaireResponse response) {
        IntakeReading reading = reader.read(response);
        assertThat(reading).isInstanceOf(IntakeReading.Rejected.class);
        return codes(reading.outcome());
    }

    private static List<String> codes(OperationOutcome outcome) {
        return outcome.getIssue().stream().filter(issue -> issue.getSeverity() != IssueSeverity.INFORMATION)
                .map(IntakeReaderUnitTests::code).toList();
    }

    private static String code(OperationOutcomeIssueComponent issue) {
        String expression = issue.getExpression().isEmpty() ? "" : issue.getExpression().get(0).getValue();
        return issue.getDetails().getCodingFirstRep().getCode() + "@" + expression;
    }
}
