package org.example.intake.core.advice;

/**
 * One piece of advice for the patient, in short plain words (facts from the seed text,
 * DESIGN.md section 4). {@link AdvicePlanner} chooses which apply.
 */
public enum Advice {

    ACT_EMERGENCY(Kind.ACTION,
            "Call emergency services or go to the nearest emergency department now. Some of your answers can be signs"
                    + " of a problem that needs treatment within hours. Do not drive yourself."),
    ACT_URGENT(Kind.ACTION,
            "Speak to a doctor today: ask for a same-day appointment or call your doctor's urgent line. If no one can"
                    + " see you within 24 hours, go to an urgent care centre."),
    ACT_SOON(Kind.ACTION,
            "Book an appointment with a doctor within the next 2 weeks so they can find the cause."),
    ACT_SELF_CARE(Kind.ACTION,
            "Your answers show no warning signs. Cramps like these usually settle within a few days with the"
                    + " self-care below."),

    STRETCH(Kind.SELF_CARE,
            "Stretch gently to release the spasm: lie on your back, rest the ankle of the sore side on the other knee"
                    + " and draw both legs towards you (figure-four or piriformis stretch). Hold 20 to 30 seconds;"
                    + " stop if it hurts more."),
    WARMTH(Kind.SELF_CARE,
            "Use warmth to relax the muscle: a warm compress or a warm bath for 15 to 20 minutes."),
    COLD_PACK(Kind.SELF_CARE,
            "As it began after a strain, a cold pack wrapped in a cloth for 10 to 15 minutes can calm the"
                    + " inflammation in the first 2 days."),
    MASSAGE(Kind.SELF_CARE,
            "Massage the buttock gently: it helps blood flow and eases the tension."),
    FLUIDS(Kind.SELF_CARE,
            "Drink more: aim for 6 to 8 glasses of fluid a day, and more in hot weather or when you exercise."),
    FOOD(Kind.SELF_CARE,
            "Eat foods rich in potassium (bananas, sweet potatoes), magnesium (leafy greens, nuts) and calcium"
                    + " (dairy or fortified plant milk): they help muscles work properly."),
    WARM_UP(Kind.SELF_CARE,
            "Warm up before exercise, and cool down and stretch afterwards."),
    SITTING(Kind.SELF_CARE,
            "Use a supportive chair, and get up and move about every 30 to 60 minutes."),
    STANDING(Kind.SELF_CARE,
            "When you stand for long, take short breaks, shift your weight and keep a good posture."),
    FOOTWEAR(Kind.SELF_CARE,
            "Wear supportive shoes that fit well, and replace worn-out ones."),

    NET_EMERGENCY(Kind.SAFETY_NET,
            "Call emergency services at once if you get numbness around the genitals, back passage or inner thighs,"
                    + " new trouble passing urine or controlling your bowels, weakness in both legs, leg weakness"
                    + " that gets worse, or a cold, pale or bluish leg."),
    NET_URGENT(Kind.SAFETY_NET,
            "See a doctor the same day if you get a fever or shivers, weakness in the leg or foot, or you lose"
                    + " weight without trying."),
    NET_SOON(Kind.SAFETY_NET,
            "Book a doctor's appointment if the cramps last more than 6 weeks, get worse, keep coming back for no"
                    + " clear reason, spread below the knee, bring numbness or tingling, or stop you doing everyday"
                    + " things.");

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
