package org.example.intake.fhir.populate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.time.Period;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.example.intake.core.answers.Question;
import org.example.intake.fhir.PrefillMarks;
import org.example.intake.fhir.IntakeQuestionnaire;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseItemComponent;
import org.hl7.fhir.r4.model.QuestionnaireResponse.QuestionnaireResponseStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * SDC population of the intake Questionnaire from the patient's record: an in-progress QuestionnaireResponse with
 * only what the record shows answered, and nothing else. Four questions can be prefilled, never a warning sign:
 * <ul>
 * <li>{@code age}: whole years from {@code Patient.birthDate} (precise to the day) to {@code today};</li>
 * <li>{@code cancer-history}: true when a confirmed (or unverified) Condition of any clinical status codes a
 * malignancy other than a non-melanoma skin cancer ({@link PopulationCodes#isMalignancy});</li>
 * <li>{@code blood-thinners}: true when an active MedicationStatement or MedicationRequest codes an
 * anticoagulant;</li>
 * <li>{@code osteoporosis-steroids}: true when an active Condition codes osteoporosis, or an active oral
 * corticosteroid statement or request started at least 3 months before {@code today}.</li>
 * </ul>
 * A record that shows nothing is not a "no": the question stays unanswered for the patient. As SDC's populate
 * suggests, the response has one item per group and question of the Questionnaire, in its order, answered or not;
 * every prefilled item carries {@link #PREFILLED_FROM} naming the resource the answer came from.
 *
 * <p>Plain Java over in-memory resources; thread-safe.
 */
public final class IntakePopulation {

    /**
     * The extension on a QuestionnaireResponse item whose answer was prefilled from the patient's record: one per
     * resource the answer rests on, a Reference to it (a clinician sees where the answer came from; a form can show
     * it as "from your record" and let the patient change it).
     */
    public static final String PREFILLED_FROM = PrefillMarks.PREFILLED_FROM;

    /** The extension on a submitted item whose prefilled answer the patient changed: {@link PrefillMarks#PREFILL_CHANGED}. */
    public static final String PREFILL_CHANGED = PrefillMarks.PREFILL_CHANGED;

    private static final Set<String> ACTIVE = Set.of("active", "recurrence", "relapse");
    private static final int LONG_TERM_MONTHS = 3;

    /** The response and what the population could not do. */
    public record Populated(QuestionnaireResponse response, OperationOutcome issues) {

        public Populated {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(issues, "issues");
        }

        /** Whether there is any issue to report. */
        public boolean hasIssues() {
            return !issues.getIssue().isEmpty();
        }
    }

    private record Answer(Type value, List<Resource> sources) {
    }

    /**
     * The response to {@code questionnaire} for this record, on this day.
     *
     * @param today the day of filling, in the plugin's clock
     */
    public Populated populate(IntakeQuestionnaire questionnaire, PatientRecord record, LocalDate today) {
        Objects.requireNonNull(questionnaire, "questionnaire");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(today, "today");
        OperationOutcome issues = new OperationOutcome();
        Map<Question, Answer> answers = new EnumMap<>(Question.class);
        age(record.patient(), today, issues).ifPresent(answer -> answers.put(Question.AGE, answer));
        cancerHistory(record).ifPresent(answer -> answers.put(Question.CANCER_HISTORY, answer));
        bloodThinners(record).ifPresent(answer -> answers.put(Question.BLOOD_THINNERS, answer));
        osteoporosisOrSteroids(record, today).ifPresent(answer -> answers.put(Question.OSTEOPOROSIS_STEROIDS, answer));

        QuestionnaireResponse response = new QuestionnaireResponse();
        response.setQuestionnaire(questionnaire.canonical());
        response.setStatus(QuestionnaireResponseStatus.INPROGRESS);
        response.setSubject(new Reference("Patient/" + record.patient().getIdElement().getIdPart()));
        for (IntakeQuestionnaire.GroupSpec group : questionnaire.groups()) {
            QuestionnaireResponseItemComponent groupItem = response.addItem().setLinkId(group.linkId());
            for (IntakeQuestionnaire.ItemSpec item : group.items()) {
                QuestionnaireResponseItemComponent question = groupItem.addItem().setLinkId(item.linkId());
                Answer answer = answers.get(item.question());
                if (answer != null) {
                    question.addAnswer().setValue(answer.value());
                    for (Resource source : answer.sources()) {
                        question.addExtension(PREFILLED_FROM, new Reference(reference(source)));
                    }
                }
            }
        }
        return new Populated(response, issues);
    }

    private static Optional<Answer> age(Patient patient, LocalDate today, OperationOutcome issues) {
        if (!patient.hasBirthDate()) {
            return Optional.empty();
        }
        if (patient.getBirthDateElement().getPrecision() != TemporalPrecisionEnum.DAY) {
            issue(issues, "age", "The record's birth date is not precise to the day, so age is left for the patient.");
            return Optional.empty();
        }
        LocalDate born = LocalDate.of(patient.getBirthDateElement().getYear(), patient.getBirthDateElement().getMonth() + 1,
                patient.getBirthDateElement().getDay());
        int years = Period.between(born, today).getYears();
        if (born.isAfter(today) || years > 120) {
            issue(issues, "age", "The record's birth date gives no age from 0 to 120, so age is left for the patient.");
            return Optional.empty();
        }
        return Optional.of(new Answer(new IntegerType(years), List.of(patient)));
    }

    private static Optional<Answer> cancerHistory(PatientRecord record) {
        List<Resource> sources = record.conditions().stream()
                .filter(IntakePopulation::notRefuted)
                .filter(condition -> PopulationCodes.isMalignancy(condition.getCode()))
                .map(Resource.class::cast).toList();
        return yes(sources);
    }

    private static Optional<Answer> bloodThinners(PatientRecord record) {
        List<Resource> sources = new ArrayList<>();
        activeStatements(record, PopulationCodes::isAnticoagulant).forEach(sources::add);
        activeRequests(record, PopulationCodes::isAnticoagulant).forEach(sources::add);
        return yes(sources);
    }

    private static Optional<Answer> osteoporosisOrSteroids(PatientRecord record, LocalDate today) {
        LocalDate longAgo = today.minusMonths(LONG_TERM_MONTHS);
        List<Resource> sources = new ArrayList<>();
        record.conditions().stream()
                .filter(IntakePopulation::notRefuted)
                .filter(IntakePopulation::active)
                .filter(condition -> PopulationCodes.isOsteoporosis(condition.getCode()))
                .forEach(sources::add);
        activeStatements(record, PopulationCodes::isCorticosteroid)
                .filter(statement -> oral(statement.getDosage()))
                .filter(statement -> started(statement).filter(start -> !start.isAfter(longAgo)).isPresent())
                .forEach(sources::add);
        activeRequests(record, PopulationCodes::isCorticosteroid)
                .filter(request -> oral(request.getDosageInstruction()))
                .filter(request -> request.hasAuthoredOn() && !day(request.getAuthoredOnElement()).isAfter(longAgo))
                .forEach(sources::add);
        return yes(sources);
    }

    /** The active statements whose medication, as a code, is in this set (a medicationReference is not read). */
    private static Stream<MedicationStatement> activeStatements(PatientRecord record, Predicate<CodeableConcept> drug) {
        return record.statements().stream()
                .filter(statement -> statement.getStatus() == MedicationStatement.MedicationStatementStatus.ACTIVE)
                .filter(statement -> statement.hasMedicationCodeableConcept()
                        && drug.test(statement.getMedicationCodeableConcept()));
    }

    /** The active requests whose medication, as a code, is in this set (a medicationReference is not read). */
    private static Stream<MedicationRequest> activeRequests(PatientRecord record, Predicate<CodeableConcept> drug) {
        return record.requests().stream()
                .filter(request -> request.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE)
                .filter(request -> request.hasMedicationCodeableConcept()
                        && drug.test(request.getMedicationCodeableConcept()));
    }

    private static Optional<Answer> yes(List<Resource> sources) {
        return sources.isEmpty() ? Optional.empty() : Optional.of(new Answer(new BooleanType(true), sources));
    }

    /** Confirmed, or not verified either way; not refuted, not entered in error, not provisional. */
    private static boolean notRefuted(Condition condition) {
        String verification = code(condition.getVerificationStatus());
        return verification == null || verification.equals("confirmed");
    }

    private static boolean active(Condition condition) {
        String clinical = code(condition.getClinicalStatus());
        return clinical == null || ACTIVE.contains(clinical);
    }

    private static String code(CodeableConcept concept) {
        return concept == null ? null : concept.getCoding().stream().map(Coding::getCode).filter(Objects::nonNull)
                .findFirst().orElse(null);
    }

    private static boolean oral(List<Dosage> dosages) {
        return dosages.stream().anyMatch(dosage -> dosage.hasRoute() && dosage.getRoute().getCoding().stream()
                .anyMatch(coding -> PopulationCodes.SNOMED.equals(coding.getSystem())
                        && PopulationCodes.ORAL_ROUTE.equals(coding.getCode())));
    }

    private static Optional<LocalDate> started(MedicationStatement statement) {
        if (statement.hasEffectiveDateTimeType()) {
            return Optional.of(day(statement.getEffectiveDateTimeType()));
        }
        if (statement.hasEffectivePeriod() && statement.getEffectivePeriod().hasStart()) {
            return Optional.of(day(statement.getEffectivePeriod().getStartElement()));
        }
        return Optional.empty();
    }

    private static LocalDate day(BaseDateTimeType date) {
        return LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay() == null ? 1 : date.getDay());
    }

    private static String reference(Resource source) {
        return source.fhirType() + "/" + source.getIdElement().getIdPart();
    }

    private static void issue(OperationOutcome issues, String linkId, String message) {
        issues.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL)
                .setDiagnostics(message).addExpression("QuestionnaireResponse.item.item.where(linkId='" + linkId + "')");
    }
}
