package org.example.intake.core.advice;

import java.util.ArrayList;
import java.util.List;

/**
 * One piece of advice for the patient, in short plain words (facts from the source text the
 * product was asked for, wording and caveats as corrected by three clinical reviews).
 * {@link AdvicePlanner} chooses which apply and in which order. A safety-net is a heading ending
 * with a colon followed by its signs, one {@link #isListItem() list item} each, so that a page
 * shows one sign a line and the command line one string a sign. No advice suggests a medicine,
 * and no patient text says "compress", "piriformis" or "claudication".
 *
 * <p>The constants marked deprecated are rule set 1.1.0's words: never chosen now, kept so that
 * what an earlier patient was told is shown again word for word (stored outcomes name them).
 */
public enum Advice {

    // What to do now, for the level (rule set 1.2.0; the same words as 1.1.0 where unchanged).

    ACT_EMERGENCY(Kind.ACTION,
            "Call emergency services (999 in the UK) or go to the nearest emergency department (A&E) now. Some of"
                    + " your answers can be signs of a problem that needs treatment within hours. Do not drive"
                    + " yourself."),
    ACT_URGENT(Kind.ACTION,
            "Speak to a doctor today: call your GP surgery and ask for an urgent same-day appointment. If nobody can"
                    + " see you today, call your local urgent care line (NHS 111 in England) or go to an urgent"
                    + " treatment centre: do not wait until tomorrow."),
    URGENT_IF_WORSE(Kind.ACTION,
            "If it gets worse while you wait, or any of the emergency signs below appear, call emergency services"
                    + " (999 in the UK) or go to A&E."),
    ACT_SOON(Kind.ACTION,
            "Book an appointment with a GP within the next 2 weeks so they can find the cause."),
    /** The SELF_CARE heading: it promises nothing ("look after this at home", "no warning signs"). */
    ACT_SELF_CARE_NO_DOCTOR_NOW(Kind.ACTION,
            "Your answers do not show a need to see a doctor now. Cramps like these often ease with the self-care"
                    + " below; the signs listed tell you when to get help."),
    /** For a patient who is pregnant or had a baby in the last 6 weeks, below EMERGENCY. */
    PREGNANCY_MIDWIFE(Kind.ACTION,
            "As you are pregnant or have had a baby in the last 6 weeks, you can also call your midwife or maternity"
                    + " unit about this pain, day or night."),

    // The warning signs an older questionnaire version did not ask about.

    NOT_ASKED_EMERGENCY(Kind.NOT_ASKED,
            "The form you filled in was an older one and did not ask about some warning signs. Call emergency"
                    + " services (999 in the UK) now if you have any of these:"),
    NOT_ASKED_COLLAPSE(Kind.NOT_ASKED, true, "fainting or nearly fainting, or going cold, clammy and pale, when the pain started"),
    NOT_ASKED_VERY_UNWELL(Kind.NOT_ASKED, true,
            "new confusion, severe breathlessness, blue, grey or blotchy skin, or no urine all day"),
    NOT_ASKED_SWOLLEN_BUTTOCK(Kind.NOT_ASKED, true, "a badly swollen, hard buttock, or urine dark brown like cola"),
    NOT_ASKED_CANNOT_STAND_AFTER_FALL(Kind.NOT_ASKED, true, "not being able to stand after a fall"),
    NOT_ASKED_NUMBNESS_WORSE(Kind.NOT_ASKED, true, "numbness in both legs that is getting worse"),
    NOT_ASKED_TELL_TODAY(Kind.NOT_ASKED,
            "When you speak to the doctor today, tell them if you have any of these, which the form did not ask about:"),
    NOT_ASKED_SAME_DAY(Kind.NOT_ASKED,
            "Get a same-day appointment, or call your local urgent care line (NHS 111 in England), if you have any"
                    + " of these, which the form did not ask about:"),
    NOT_ASKED_CALF(Kind.NOT_ASKED, true, "a swollen, painful calf"),
    NOT_ASKED_LUMP(Kind.NOT_ASKED, true, "a painful lump near your bottom"),
    NOT_ASKED_REST_PAIN(Kind.NOT_ASKED, true, "foot pain at rest, or sores on your leg or foot that will not heal"),
    NOT_ASKED_CANNOT_STAND(Kind.NOT_ASKED, true, "not being able to stand"),
    NOT_ASKED_BLOOD_THINNER(Kind.NOT_ASKED, true, "you take a blood thinner"),
    NOT_ASKED_PREGNANT(Kind.NOT_ASKED,
            "The form did not ask about pregnancy. If you are pregnant or have had a baby in the last 6 weeks, tell"
                    + " your midwife about this pain: today if it is severe or getting worse."),

    // The safety-net: one sign a line, under its heading.

    NET_CALL_999(Kind.SAFETY_NET, "Call emergency services (999 in the UK) now if you get any of these:"),
    SIGN_SADDLE_NUMBNESS(Kind.SAFETY_NET, true, "numbness around your genitals or bottom"),
    SIGN_PEEING_OR_BOWELS(Kind.SAFETY_NET, true, "new trouble peeing or controlling your bowels"),
    SIGN_SEXUAL_WITH_LEG(Kind.SAFETY_NET, true,
            "new problems with sexual function together with leg pain, numbness or weakness"),
    SIGN_PAIN_BOTH_LEGS(Kind.SAFETY_NET, true, "pain spreading down both legs"),
    SIGN_NUMBNESS_BOTH_LEGS_WORSE(Kind.SAFETY_NET, true, "numbness in both legs that is getting worse"),
    SIGN_WEAKNESS_WORSE(Kind.SAFETY_NET, true,
            "weakness in a leg that gets worse or spreads to the other leg, above all with a fever or if you have"
                    + " had cancer"),
    SIGN_COLD_LEG(Kind.SAFETY_NET, true, "a leg that suddenly turns cold, pale or blue"),
    SIGN_FAINTING(Kind.SAFETY_NET, true, "fainting, or going cold, clammy and pale"),
    SIGN_SWOLLEN_BUTTOCK(Kind.SAFETY_NET, true, "a badly swollen, hard buttock or cola-coloured urine"),
    SIGN_CANNOT_STAND_AFTER_FALL(Kind.SAFETY_NET, true, "not being able to stand after a fall"),
    SIGN_VERY_UNWELL(Kind.SAFETY_NET, true, "chest pain, sudden breathlessness, new confusion or no urine all day"),

    NET_SAME_DAY(Kind.SAFETY_NET,
            "Get a same-day appointment, or call your local urgent care line (NHS 111 in England), if you get any"
                    + " of these:"),
    SIGN_FEVER(Kind.SAFETY_NET, true, "a fever (38 °C or more) or shivering"),
    SIGN_CALF(Kind.SAFETY_NET, true, "a swollen, painful calf"),
    SIGN_LUMP(Kind.SAFETY_NET, true, "a painful lump near your bottom"),
    SIGN_REST_PAIN(Kind.SAFETY_NET, true, "foot pain at rest, or sores on your leg or foot that will not heal"),
    SIGN_CANNOT_STAND(Kind.SAFETY_NET, true, "not being able to stand"),
    /** For pain below 7 (or not given). */
    SIGN_PAIN_BECOMES_SEVERE(Kind.SAFETY_NET, true,
            "pain that becomes severe, or severe pain while you take a blood thinner"),
    /** For pain of 7 or more that is improving: it is severe now, so only "again" is news. */
    SIGN_PAIN_SEVERE_AGAIN(Kind.SAFETY_NET, true,
            "pain that becomes severe again after getting better, or gets worse while you take a blood thinner"),
    /** For pain of 7 or more that is not improving: it is severe now, so only worse is news. */
    SIGN_PAIN_GETS_WORSE(Kind.SAFETY_NET, true,
            "pain that gets worse than it is now, or gets worse while you take a blood thinner"),
    SIGN_PAINKILLERS(Kind.SAFETY_NET, true, "pain that painkillers do not control"),
    SIGN_PREGNANCY_PAIN(Kind.SAFETY_NET, true, "severe or worsening pain while pregnant or after having a baby"),

    NET_GP(Kind.SAFETY_NET, "See a GP within 2 weeks if the cramps or pain:"),
    SIGN_KEEPS_COMING_BACK(Kind.SAFETY_NET, true, "keep coming back without a clear reason"),
    SIGN_LASTS_6_WEEKS(Kind.SAFETY_NET, true, "last more than 6 weeks"),
    SIGN_GETS_WORSE(Kind.SAFETY_NET, true, "get worse"),
    SIGN_STOPS_NORMAL_THINGS(Kind.SAFETY_NET, true, "stop you doing normal things such as work, walking or sleep"),
    SIGN_NERVE(Kind.SAFETY_NET, true, "come with numbness, tingling or pain spreading below the knee"),
    SIGN_WEIGHT_LOSS(Kind.SAFETY_NET, true, "come with weight loss you cannot explain"),

    // Self-care tips, chosen by the answers.

    STAY_ACTIVE(Kind.SELF_CARE,
            "Keep moving gently and carry on with your normal activities as far as the pain allows: bed rest slows"
                    + " recovery."),
    STRETCH_GENTLY(Kind.SELF_CARE,
            "Stretch gently to ease the tight muscle: lie on your back, rest the ankle of the sore side on the other"
                    + " knee and draw both legs towards you (the figure-four stretch), or hug the knee of the sore side"
                    + " towards the other shoulder. Hold 20 to 30 seconds; stop if it hurts more. If you have had a hip"
                    + " replacement, do not do these stretches unless your physiotherapist says they are safe. If you"
                    + " are pregnant, ask your midwife first."),
    COLD_FIRST_THEN_WARM(Kind.SELF_CARE,
            "As it began with a strain, use cold for the first 2 days: a cold pack wrapped in a cloth on the sore"
                    + " area for up to 15 minutes at a time, and no heat or massage until then. After 2 days, a warm"
                    + " (not hot) pack or a warm bath and gentle massage can help. Never put heat on skin that feels"
                    + " numb: it can burn without you feeling it."),
    WARM_PACK(Kind.SELF_CARE,
            "A warm (not hot) pack or a warm bath for 15 to 20 minutes can relax the muscle, and gentle massage of"
                    + " the buttock eases the tension. Never put heat on skin that feels numb: it can burn without you"
                    + " feeling it."),
    FLUIDS(Kind.SELF_CARE,
            "Drink more: aim for 6 to 8 glasses of fluid a day, and more in hot weather or when you exercise,"
                    + " unless a doctor has told you to limit fluids."),
    FOOD(Kind.SELF_CARE,
            "Eat foods rich in potassium (bananas, sweet potatoes), magnesium (leafy greens, nuts) and calcium"
                    + " (dairy or fortified plant milk): they help muscles work properly. If a doctor has told you to"
                    + " limit potassium, follow their advice instead."),
    WARM_UP(Kind.SELF_CARE,
            "Warm up before exercise, and cool down and stretch afterwards."),
    SITTING(Kind.SELF_CARE,
            "Use a supportive chair, and get up and move about every 30 to 60 minutes."),
    STANDING(Kind.SELF_CARE,
            "When you stand for long, take short breaks, shift your weight and keep a good posture."),
    FOOTWEAR(Kind.SELF_CARE,
            "Wear supportive shoes that fit well, and replace worn-out ones."),
    SELF_CARE_REVIEW(Kind.SELF_CARE,
            "If it is not improving within 2 weeks, or you are worried, see a GP or physiotherapist."),

    /**
     * What happens next: whether anyone from the service will be in touch. A deploying service sets
     * its own words (the web plugin's {@code intake.advice.what-happens-next}); this is the safe default.
     */
    WHAT_HAPPENS_NEXT(Kind.NEXT,
            "What happens next: a clinician from this service will look at your answers. If you have been told to"
                    + " call 999 or to see a doctor today, do that now: do not wait for anyone to call you."),

    // Rule set 1.1.0's advice: never chosen now, kept so that what earlier patients were told can
    // still be shown to them and their clinicians word for word.

    /** @deprecated rule set 1.1.0; now {@link #ACT_SELF_CARE_NO_DOCTOR_NOW}. */
    @Deprecated
    ACT_SELF_CARE(Kind.ACTION,
            "Your answers show no sign that you need to see a doctor now. Cramps like these often ease with the"
                    + " self-care below."),
    /** @deprecated rule set 1.1.0; now the NOT_ASKED lists. */
    @Deprecated
    NOT_ASKED_BEFORE_1_1_0(Kind.NOT_ASKED,
            "The form you filled in did not ask about some warning signs. Call emergency services now if, when the"
                    + " pain started, you fainted or nearly fainted, or went cold, clammy and pale; if you have new"
                    + " confusion, severe breathlessness, blue, grey or blotchy skin, or no urine all day; if the"
                    + " buttock is badly swollen and hard, or your urine is dark brown like cola; or if you cannot"
                    + " stand after a fall. Get a same-day appointment if one calf or leg is swollen and painful, you"
                    + " have a painful lump near your back passage, your foot hurts at rest or has sores that will"
                    + " not heal, you cannot stand on the painful side, or you take a blood thinner and the pain is"
                    + " severe."),
    /** @deprecated rule set 1.1.0; now {@link #STRETCH_GENTLY}. */
    @Deprecated
    STRETCH(Kind.SELF_CARE,
            "Stretch gently to ease the spasm: lie on your back, rest the ankle of the sore side on the other knee"
                    + " and draw both legs towards you (figure-four or piriformis stretch). Hold 20 to 30 seconds;"
                    + " stop if it hurts more. If you have had a hip replacement, do not do this stretch unless your"
                    + " physiotherapist says it is safe."),
    /** @deprecated rule set 1.1.0; now {@link #COLD_FIRST_THEN_WARM}. */
    @Deprecated
    COLD_FIRST(Kind.SELF_CARE,
            "As it began with a strain, use cold for the first 2 days: a cold pack wrapped in a cloth on the sore"
                    + " area for up to 15 minutes at a time, and no heat or massage until then. After 2 days, a warm"
                    + " compress or bath and gentle massage can help. Never put heat on skin that feels numb: it can"
                    + " burn without you feeling it."),
    /** @deprecated rule set 1.1.0; now {@link #WARM_PACK}. */
    @Deprecated
    WARMTH(Kind.SELF_CARE,
            "A warm compress or a warm bath for 15 to 20 minutes can relax the muscle, and gentle massage of the"
                    + " buttock eases the tension. Never put heat on skin that feels numb: it can burn without you"
                    + " feeling it."),
    /** @deprecated rule set 1.1.0; now the list under {@link #NET_CALL_999}. */
    @Deprecated
    NET_EMERGENCY(Kind.SAFETY_NET,
            "Call emergency services (999 in the UK) now if you get: numbness around your genitals or back passage;"
                    + " new trouble passing urine or controlling your bowels; new problems with sexual function"
                    + " together with leg pain, numbness or weakness; pain spreading down both legs; weakness in a leg"
                    + " that is new or getting worse, above all with a fever or if you have had cancer; a cold, pale"
                    + " or blue leg; fainting, or going cold, clammy and pale; a badly swollen, hard buttock or"
                    + " cola-coloured urine; not being able to stand after a fall; chest pain, sudden breathlessness,"
                    + " new confusion or no urine all day."),
    /** @deprecated rule set 1.1.0; now the list under {@link #NET_SAME_DAY}. */
    @Deprecated
    NET_URGENT(Kind.SAFETY_NET,
            "Get a same-day appointment, or call your local urgent care line (NHS 111 in England), if you get: a"
                    + " fever (38 °C or more) or shivering; a swollen, painful calf; a painful lump near your back"
                    + " passage; foot pain at rest or sores that will not heal; not being able to stand on the painful"
                    + " side; severe new pain, or severe pain while you take a blood thinner; pain that painkillers do"
                    + " not control; weight loss you cannot explain; pain at night that rest does not ease, if you are"
                    + " 50 or over."),
    /** @deprecated rule set 1.1.0; now the list under {@link #NET_GP}. */
    @Deprecated
    NET_SOON(Kind.SAFETY_NET,
            "See a GP within 2 weeks if the cramps keep coming back without a reason, last more than 6 weeks, get"
                    + " worse, stop you doing normal things, or come with numbness, tingling or pain spreading below"
                    + " the knee.");

    /** What a piece of advice is for, in the order the patient reads them. */
    public enum Kind {
        /** What to do now, given the triage level. */
        ACTION,
        /** The warning signs an older questionnaire version did not ask about. */
        NOT_ASKED,
        /** Which new symptoms should make the patient seek help, and where. */
        SAFETY_NET,
        /** Relief and prevention the patient can do at home. */
        SELF_CARE,
        /** Whether anyone from the service will be in touch. */
        NEXT
    }

    private final Kind kind;
    private final boolean listItem;
    private final String text;

    Advice(Kind kind, String text) {
        this(kind, false, text);
    }

    Advice(Kind kind, boolean listItem, String text) {
        this.kind = kind;
        this.listItem = listItem;
        this.text = text;
    }

    /** What the advice is for; never null. */
    public Kind kind() {
        return kind;
    }

    /**
     * Whether this is one sign of a list (shown as a list item under the advice before it, which
     * ends with a colon), rather than advice that stands by itself.
     */
    public boolean isListItem() {
        return listItem;
    }

    /**
     * The advice grouped as a page shows it: each piece that stands by itself, with the list items
     * that follow it; never null.
     *
     * @throws IllegalArgumentException if the first piece is a list item (it has no heading)
     */
    public static List<Section> sections(List<Advice> advice) {
        List<Section> sections = new ArrayList<>();
        List<Advice> items = null;
        for (Advice piece : advice) {
            if (piece.listItem) {
                if (items == null) {
                    throw new IllegalArgumentException(piece + " is a list item with no heading before it");
                }
                items.add(piece);
            } else {
                items = new ArrayList<>();
                sections.add(new Section(piece, items));
            }
        }
        return sections.stream().map(s -> new Section(s.lead(), List.copyOf(s.items()))).toList();
    }

    /**
     * A piece of advice that stands by itself and the signs listed under it.
     *
     * @param lead  the piece itself; never a list item
     * @param items the signs under it, in order; empty when it stands alone
     */
    public record Section(Advice lead, List<Advice> items) {
    }

    /** The words shown to the patient; never null. */
    public String text() {
        return text;
    }
}
