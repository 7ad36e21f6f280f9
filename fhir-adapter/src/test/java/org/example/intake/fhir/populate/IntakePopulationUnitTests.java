package org.example.intake.fhir.populate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.example.intake.fhir.IntakeQuestionnaire;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.MedicationStatement.MedicationStatementStatus;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;

class IntakePopulationUnitTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
    private static final IntakeQuestionnaire QUESTIONNAIRE = IntakeQuestionnaire.standard();

    private final IntakePopulation population = new IntakePopulation();

    private static Patient patient(String birthDate) {
        Patient patient = new Patient();
        patient.setId("alex");
        if (birthDate != null) {
            patient.setBirthDateElement(new DateType(birthDate));
        }
        return patient;
    }

    private static Condition condition(String id, String system, String code, String clinicalStatus) {
        Condition condition = new Condition();
        condition.setId(id);
        condition.setCode(new CodeableConcept(new Coding(system, code, null)));
        condition.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", clinicalStatus, null)));
        return condition;
    }

    private static MedicationStatement statement(String id, String system, String code, MedicationStatementStatus status) {
        MedicationStatement statement = new MedicationStatement();
        statement.setId(id);
        statement.setStatus(status);
        statement.setMedication(new CodeableConcept(new Coding(system, code, null)));
        return statement;
    }

    private static MedicationStatement oralSteroid(String start) {
        MedicationStatement statement = statement("pred", PopulationCodes.RXNORM, "8638", MedicationStatementStatus.ACTIVE);
        statement.setEffective(new Period().setStartElement(new DateTimeType(start)));
        statement.addDosage().setRoute(new CodeableConcept(new Coding(PopulationCodes.SNOMED, "26643006", "Oral")));
        return statement;
    }

    private QuestionnaireResponse populate(PatientRecord record) {
        return population.populate(QUESTIONNAIRE, record, TODAY).response();
    }

    private static PatientRecord record(List<Condition> conditions, List<MedicationStatement> statements,
            List<MedicationRequest> requests) {
        return new PatientRecord(patient("1980-01-01"), conditions, statements, requests);
    }

    private static Optional<QuestionnaireResponseItemComponent> item(QuestionnaireResponse response, String linkId) {
        return response.getItem().stream().flatMap(group -> group.getItem().stream())
                .filter(item -> item.getLinkId().equals(linkId)).findFirst();
    }

    private static Optional<Type> answer(QuestionnaireResponse response, String linkId) {
        return item(response, linkId).filter(QuestionnaireResponseItemComponent::hasAnswer)
                .map(item -> item.getAnswerFirstRep().getValue());
    }

    @Test
    void ageOnTheBirthdayCountsTheNewYear() {
        QuestionnaireResponse response = populate(PatientRecord.of(patient("1986-12-04")));

        assertThat(answer(response, "age")).hasValueSatisfying(age -> assertThat(age.primitiveValue()).isEqualTo("40"));
    }

    @Test
    void ageTheDayBeforeTheBirthdayCountsTheOldYear() {
        QuestionnaireResponse response = populate(PatientRecord.of(patient("1986-12-05")));

        assertThat(answer(response, "age")).hasValueSatisfying(age -> assertThat(age.primitiveValue()).isEqualTo("39"));
    }

    @Test
    void aBirthDateOfYearOnlyLeavesAgeUnansweredWithAnIssue() {
        IntakePopulation.Populated populated = population.populate(QUESTIONNAIRE, PatientRecord.of(patient("1986")), TODAY);

        assertThat(answer(populated.response(), "age")).isEmpty();
        assertThat(populated.hasIssues()).isTrue();
    }

    @Test
    void aPatientWithoutRecordsGetsNothingPrefilled() {
        QuestionnaireResponse response = populate(PatientRecord.of(patient(null)));

        assertThat(response.getItem()).extracting(QuestionnaireResponseItemComponent::getLinkId)
                .containsExactly("cramp", "leg", "warning", "history", "lifestyle");
        assertThat(response.getItem()).flatExtracting(QuestionnaireResponseItemComponent::getItem)
                .noneMatch(QuestionnaireResponseItemComponent::hasAnswer);
        assertThat(response.getStatus()).isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.INPROGRESS);
        assertThat(response.getQuestionnaire()).isEqualTo(QUESTIONNAIRE.canonical());
        assertThat(response.getSubject().getReference()).isEqualTo("Patient/alex");
    }

    @Test
    void aResolvedBreastCancerAnswersCancerHistoryAndNamesTheCondition() {
        QuestionnaireResponse response = populate(record(
                List.of(condition("breast", PopulationCodes.SNOMED, "254837009", "resolved")), List.of(), List.of()));

        assertThat(answer(response, "cancer-history")).hasValueSatisfying(
                value -> assertThat(value.primitiveValue()).isEqualTo("true"));
        assertThat(item(response, "cancer-history").orElseThrow().getExtensionByUrl(IntakePopulation.PREFILLED_FROM)
                .getValue()).isInstanceOfSatisfying(Reference.class,
                        reference -> assertThat(reference.getReference()).isEqualTo("Condition/breast"));
    }

    @Test
    void aMelanomaOfSkinCountsAsCancerHistory() {
        QuestionnaireResponse snomed = populate(record(
                List.of(condition("mel", PopulationCodes.SNOMED, "372244006", "resolved")), List.of(), List.of()));
        QuestionnaireResponse icd = populate(record(
                List.of(condition("mel", PopulationCodes.ICD10_CM, "C43.5", "inactive")), List.of(), List.of()));

        assertThat(answer(snomed, "cancer-history")).isPresent();
        assertThat(answer(icd, "cancer-history")).isPresent();
    }

    @Test
    void aNonMelanomaSkinCancerLeavesCancerHistoryUnanswered() {
        QuestionnaireResponse icd = populate(record(
                List.of(condition("bcc", PopulationCodes.ICD10, "C44.3", "resolved")), List.of(), List.of()));
        QuestionnaireResponse snomed = populate(record(
                List.of(condition("bcc", PopulationCodes.SNOMED, "1338007", "resolved")), List.of(), List.of()));

        assertThat(answer(icd, "cancer-history")).isEmpty();
        assertThat(answer(snomed, "cancer-history")).isEmpty();
    }

    @Test
    void aRefutedCancerLeavesCancerHistoryUnanswered() {
        Condition refuted = condition("c", PopulationCodes.ICD10, "C50.9", "resolved");
        refuted.setVerificationStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "refuted", null)));

        assertThat(answer(populate(record(List.of(refuted), List.of(), List.of())), "cancer-history")).isEmpty();
    }

    @Test
    void anActiveApixabanStatementAnswersBloodThinners() {
        QuestionnaireResponse response = populate(record(List.of(),
                List.of(statement("apx", PopulationCodes.RXNORM, "1364430", MedicationStatementStatus.ACTIVE)), List.of()));

        assertThat(answer(response, "blood-thinners")).hasValueSatisfying(
                value -> assertThat(value.primitiveValue()).isEqualTo("true"));
    }

    @Test
    void aStoppedWarfarinStatementLeavesBloodThinnersUnanswered() {
        QuestionnaireResponse response = populate(record(List.of(),
                List.of(statement("w", PopulationCodes.RXNORM, "11289", MedicationStatementStatus.STOPPED)), List.of()));

        assertThat(answer(response, "blood-thinners")).isEmpty();
    }

    @Test
    void anActiveEnoxaparinRequestAnswersBloodThinnersAndACompletedOneDoesNot() {
        MedicationRequest active = new MedicationRequest().setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setMedication(new CodeableConcept(new Coding(PopulationCodes.RXNORM, "67108", null)));
        active.setId("enox");
        MedicationRequest completed = active.copy().setStatus(MedicationRequest.MedicationRequestStatus.COMPLETED);

        assertThat(answer(populate(record(List.of(), List.of(), List.of(active))), "blood-thinners")).isPresent();
        assertThat(answer(populate(record(List.of(), List.of(), List.of(completed))), "blood-thinners")).isEmpty();
    }

    @Test
    void aspirinIsNotABloodThinner() {
        QuestionnaireResponse response = populate(record(List.of(),
                List.of(statement("asp", PopulationCodes.RXNORM, "1191", MedicationStatementStatus.ACTIVE)), List.of()));

        assertThat(answer(response, "blood-thinners")).isEmpty();
    }

    @Test
    void anActiveOsteoporosisAnswersOsteoporosisSteroidsAndAResolvedOneDoesNot() {
        QuestionnaireResponse active = populate(record(
                List.of(condition("o", PopulationCodes.SNOMED, "64859006", "active")), List.of(), List.of()));
        QuestionnaireResponse resolved = populate(record(
                List.of(condition("o", PopulationCodes.SNOMED, "64859006", "resolved")), List.of(), List.of()));

        assertThat(answer(active, "osteoporosis-steroids")).isPresent();
        assertThat(answer(resolved, "osteoporosis-steroids")).isEmpty();
    }

    @Test
    void oralSteroidsForThreeMonthsAnswerOsteoporosisSteroidsAndForLessDoNot() {
        QuestionnaireResponse threeMonths = populate(record(List.of(), List.of(oralSteroid("2026-09-04")), List.of()));
        QuestionnaireResponse lessThanThree = populate(record(List.of(), List.of(oralSteroid("2026-09-05")), List.of()));

        assertThat(answer(threeMonths, "osteoporosis-steroids")).isPresent();
        assertThat(answer(lessThanThree, "osteoporosis-steroids")).isEmpty();
    }

    @Test
    void noWarningQuestionIsEverPrefilled() {
        QuestionnaireResponse response = populate(new PatientRecord(patient("1950-01-01"),
                List.of(condition("c", PopulationCodes.ICD10, "C50.9", "active"),
                        condition("o", PopulationCodes.SNOMED, "64859006", "active")),
                List.of(statement("apx", PopulationCodes.RXNORM, "1364430", MedicationStatementStatus.ACTIVE),
                        oralSteroid("2020-01-01")),
                List.of()));

        assertThat(response.getItem()).flatExtracting(QuestionnaireResponseItemComponent::getItem)
                .filteredOn(QuestionnaireResponseItemComponent::hasAnswer)
                .extracting(QuestionnaireResponseItemComponent::getLinkId)
                .containsExactly("age", "cancer-history", "osteoporosis-steroids", "blood-thinners");
    }
}
