package org.example.intake.fhir;

import java.util.List;
import java.util.Map;

import org.example.intake.core.answers.AnswerType;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;

/**
 * One version of the intake Questionnaire as {@link QuestionnaireResponseValidator} checks a response against it:
 * compiled from the FHIR Questionnaire ({@link IntakeQuestionnaire}, what {@link IntakeReader} uses) or made from
 * intake-core alone ({@link AnswerSpecs.VersionSpec}, what the streaming reader uses, without HAPI's context). A test
 * holds the two to the same groups and questions for every version shipped.
 */
interface FormSpec {

    /** The versioned canonical, {@code url|version}. */
    String canonical();

    QuestionnaireVersion questionnaireVersion();

    /** The groups in form order. */
    List<? extends Group> groups();

    /** The group with this linkId, or null. */
    Group groupOrNull(String linkId);

    /** The question with this linkId, or null. */
    Item itemOrNull(String linkId);

    int groupCount();

    /** A group: its linkId, position among the groups from 0, whether a response must hold it, its questions. */
    interface Group {
        String linkId();

        int index();

        boolean required();

        List<? extends Item> items();
    }

    /** A question (see {@link IntakeQuestionnaire.ItemSpec} for what each part means). */
    interface Item {
        String linkId();

        Question question();

        String groupLinkId();

        AnswerType type();

        boolean required();

        boolean repeats();

        Integer min();

        Integer max();

        Map<String, String> options();

        List<String> enabledWhenAnyTrue();
    }
}
