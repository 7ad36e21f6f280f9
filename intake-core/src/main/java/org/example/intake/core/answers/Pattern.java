package org.example.intake.core.answers;

/** Whether the cramps are getting better or worse. */
public enum Pattern implements CodedAnswer {
    IMPROVING("improving", "Getting better"),
    UNCHANGED("unchanged", "About the same"),
    WORSENING("worsening", "Getting worse");

    private final String code;
    private final String display;

    Pattern(String code, String display) {
        this.code = code;
        this.display = display;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String display() {
        return display;
    }

}
