package org.example.intake.core.answers;

/** Which buttock hurts. */
public enum Side implements CodedAnswer {
    LEFT("left", "Left"),
    RIGHT("right", "Right"),
    BOTH("both", "Both");

    private final String code;
    private final String display;

    Side(String code, String display) {
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
