package org.example.intake.core.advice;

/**
 * One piece of advice for the patient, in short plain words (facts from the seed text, wording
 * and caveats as corrected by the clinical reviews: DESIGN.md section 4). {@link AdvicePlanner}
 * chooses which apply. No advice suggests a medicine.
 */
public enum Advice {

    ACT_EMERGENCY(Kind.ACTION,
            "Call emergency services (999 in the UK) or go to the nearest emergency department (A&E) now. Some of"
                    + " your answers can be signs of a problem that needs treatment within hours. Do not drive"
                    + " yourself."),
    ACT_URGENT(Kind.ACTION,
            "Speak to a doctor today: call your GP surgery and ask for an urgent same-day appointment. If nobody can"
                    + " see you today, call your local urgent care line (NHS 111 in England) or go to an urgent"
                    + " treatment centre: do not wait until tomorrow."),
    URGENT_IF_WORSE(Kind.SAFETY_NET,
            "If it gets worse while you wait, or any of the emergency signs below appear, call emergency services"
                    + " (999 in the UK) or go to A&E."),
    ACT_SOON(Kind.ACTION,
            "Book an appointment with a GP within the next 2 weeks so they can find the cause."),
    ACT_SELF_CARE(Kind.ACTION,
            "Your answers show no sign that you need to see a doctor now. Cramps like these often ease with the"
                    + " self-care below."),

    /**
     * For answers to questionnaire 1.0.0, which did not ask about the warning signs that 1.1.0
     * added: names them, so an old form never ends in a bare "no sign you need a doctor".
     */
    NOT_ASKED_BEFORE_1_1_0(Kind.SAFETY_NET,
            "The form you filled in did not ask about some warning signs. Call emergency services now if, when the"
                    + " pain started, you fainted or nearly fainted, or went cold, clammy and pale; if you have new"
                    + " confusion, severe breathlessness, blue, grey or blotchy skin, or no urine all day; if the"
                    + " buttock is badly swollen and hard, or your urine is dark brown like cola; or if you cannot"
                    + " stand after a fall. Get a same-day appointment if one calf or leg is swollen and painful, you"
                    + " have a painful lump near your back passage, your foot hurts at rest or has sores that will"
                    + " not heal, you cannot stand on the painful side, or you take a blood thinner and the pain is"
                    + " severe."),

    STAY_ACTIVE(Kind.SELF_CARE,
            "Keep moving gently and carry on with your normal activities as far as the pain allows: bed rest slows"
                    + " recovery."),
    STRETCH(Kind.SELF_CARE,
            "Stretch gently to ease the spasm: lie on your back, rest the ankle of the sore side on the other knee"
                    + " and draw both legs towards you (figure-four or piriformis stretch). Hold 20 to 30 seconds;"
                    + " stop if it hurts more. If you have had a hip replacement, do not do this stretch unless your"
                    + " physiotherapist says it is safe."),
    COLD_FIRST(Kind.SELF_CARE,
            "As it began with a strain, use cold for the first 2 days: a cold pack wrapped in a cloth on the sore"
                    + " area for up to 15 minutes at a time, and no heat or massage until then. After 2 days, a warm"
                    + " compress or bath and gentle massage can help. Never put heat on skin that feels numb: it can"
                    + " burn without you feeling it."),
    WARMTH(Kind.SELF_CARE,
            "A warm compress or a warm bath for 15 to 20 minutes can relax the muscle, and gentle massage of the"
                    + " buttock eases the tension. Never put heat on skin that feels numb: it can burn without you"
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

    SELF_CARE_REVIEW(Kind.SAFETY_NET,
            "If it is not improving within 2 weeks, or you are worried, see a GP or physiotherapist."),
    NET_EMERGENCY(Kind.SAFETY_NET,
            "Call emergency services (999 in the UK) now if you get: numbness around your genitals or back passage;"
                    + " new trouble passing urine or controlling your bowels; new problems with sexual function"
                    + " together with leg pain, numbness or weakness; pain spreading down both legs; weakness in a leg"
                    + " that is new or getting worse, above all with a fever or if you have had cancer; a cold, pale"
                    + " or blue leg; fainting, or going cold, clammy and pale; a badly swollen, hard buttock or"
                    + " cola-coloured urine; not being able to stand after a fall; chest pain, sudden breathlessness,"
                    + " new confusion or no urine all day."),
    NET_URGENT(Kind.SAFETY_NET,
            "Get a same-day appointment, or call your local urgent care line (NHS 111 in England), if you get: a"
                    + " fever (38 °C or more) or shivering; a swollen, painful calf; a painful lump near your back"
                    + " passage; foot pain at rest or sores that will not heal; not being able to stand on the painful"
                    + " side; severe new pain, or severe pain while you take a blood thinner; pain that painkillers do"
                    + " not control; weight loss you cannot explain; pain at night that rest does not ease, if you are"
                    + " 50 or over."),
    NET_SOON(Kind.SAFETY_NET,
            "See a GP within 2 weeks if the cramps keep coming back without a reason, last more than 6 weeks, get"
                    + " worse, stop you doing normal things, or come with numbness, tingling or pain spreading below"
                    + " the knee.");

    /** What a piece of advice is for. */
    public enum Kind {
        /** What to do now, given the triage level. */
        ACTION,
        /** Relief and prevention the patient can do at home. */
        SELF_CARE,
        /** Which new symptoms should make the patient seek help, and where. */
        SAFETY_NET
    }

    private final Kind kind;
    private final String text;

    Advice(Kind kind, String text) {
        this.kind = kind;
        this.text = text;
    }

    /** What the advice is for; never null. */
    public Kind kind() {
        return kind;
    }

    /** The words shown to the patient; never null. */
    public String text() {
        return text;
    }
}
