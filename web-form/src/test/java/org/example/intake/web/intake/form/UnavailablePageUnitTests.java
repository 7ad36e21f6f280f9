package org.example.intake.web.intake.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.example.intake.core.advice.Advice;
import org.example.intake.core.advice.AdvicePlanner;
import org.example.intake.core.answers.IntakeAnswers;
import org.example.intake.core.answers.Question;
import org.example.intake.core.answers.QuestionnaireVersion;
import org.example.intake.core.answers.Standing;
import org.example.intake.core.triage.Level;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "service unavailable" page a deploying organisation serves from its proxy when the app or its login is down
 * (hazard H28, D02), as shipped in the plugin's jar: intake-core's 999 signs word for word, 999 and 111 to tap,
 * and nothing it would have to fetch from an app that is down.
 */
class UnavailablePageUnitTests {

    private static String html;
    private static Document page;

    @BeforeAll
    static void readThePageFromTheClasspath() throws IOException {
        html = UnavailablePage.html();
        page = Jsoup.parse(html);
    }

    /** The signs intake-core lists under {@link Advice#NET_CALL_999} for a benign answer set (SELF_CARE). */
    private static List<String> intakeCoresCall999Signs() {
        IntakeAnswers benign = IntakeAnswers.builder().version(QuestionnaireVersion.CURRENT)
                .answer(Question.STANDING, Standing.CAN_STAND).answer(Question.PAIN_SEVERITY, 3).build();
        List<Advice> advice = new AdvicePlanner().adviseOn(Level.SELF_CARE, benign);
        return Advice.sections(advice).stream().filter(section -> section.lead() == Advice.NET_CALL_999).findFirst()
                .orElseThrow().items().stream().map(Advice::text).toList();
    }

    @Test
    void theEmergencySignsAreIntakeCoresSignsUnderCall999WordForWordInOrder() {
        List<String> onThePage = page.select("#emergency-signs > li").eachText();

        assertThat(intakeCoresCall999Signs()).hasSizeGreaterThan(5);
        assertThat(onThePage).containsExactlyElementsOf(intakeCoresCall999Signs());
    }

    @Test
    void theEmergencySignsAreEveryCurrentSignOfIntakeCoresCall999List() {
        List<Advice> all = List.of(Advice.values());
        List<String> everySign = all.subList(all.indexOf(Advice.NET_CALL_999) + 1, all.indexOf(Advice.NET_SAME_DAY))
                .stream().filter(Advice::isListItem).filter(piece -> piece.kind() == Advice.Kind.SAFETY_NET)
                .map(Advice::text).toList();

        assertThat(page.select("#emergency-signs > li").eachText()).containsExactlyElementsOf(everySign);
    }

    @Test
    void thePageOffers999And111AsNumbersToTapAndSaysWhatToDoAndThatTheAnswersWereNotSent() {
        Element call999 = page.selectFirst("a[href=tel:999]");
        Element call111 = page.selectFirst("a[href=tel:111]");

        assertThat(call999).isNotNull();
        assertThat(call999.text()).isEqualTo("999");
        assertThat(call111).isNotNull();
        assertThat(call111.text()).isEqualTo("111");
        assertThat(page.selectFirst("h1").text()).isEqualTo("Sorry, this service is not working right now");
        assertThat(call999.parent().text()).isEqualTo("Call 999 now if you have any of these:");
        assertThat(page.body().text()).contains("NHS 111", "your local urgent care line", "your GP surgery",
                "for advice today", "try the form again later",
                "your answers were not sent unless you saw a result page");
    }

    @Test
    void thePageNeedsNothingFromTheApp_noScriptNoAssetAndNoLinkButTelAndFragments() {
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("javascript:")
                .doesNotContain("url(", "@import", "<link", "<img", "<iframe", "<object", "<embed", "<form");
        assertThat(page.select("[src]")).isEmpty();
        assertThat(page.getAllElements()).allSatisfy(element -> assertThat(element.attributes().asList())
                .noneMatch(attribute -> attribute.getKey().toLowerCase().startsWith("on")));
        assertThat(page.select("[href]").eachAttr("href")).isNotEmpty()
                .allMatch(href -> href.startsWith("tel:") || href.startsWith("#"), "a tel: link or a fragment");
        assertThat(html.split("(?i)(src|href)\\s*=", -1)).hasSize(page.select("[src], [href]").size() + 1);
    }

    @Test
    void thePageIsInEnglishAndSizedForAPhone() {
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(page.selectFirst("meta[charset]").attr("charset")).isEqualToIgnoringCase("utf-8");
        assertThat(page.selectFirst("meta[name=viewport]").attr("content"))
                .contains("width=device-width", "initial-scale=1");
        assertThat(page.select("style").html()).doesNotContainPattern("(?<![-\\w])width:\\s*[0-9]{3,}px")
                .contains("overflow-wrap: break-word");
    }
}
