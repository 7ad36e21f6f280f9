package org.example.intake.core.answers;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The code and display of every {@link CodedAnswer}, given by each option enum's constructor, and
 * the options of each enum by code. Written while an enum class initialises (its constructors run
 * then, in declaration order), read afterwards: safe to read from any thread once the enum is in use.
 */
final class Codes {

    private record Label(String code, String display) {
    }

    private static final Map<CodedAnswer, Label> LABELS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Map<String, CodedAnswer>> BY_CODE = new ConcurrentHashMap<>();

    private Codes() {
    }

    /**
     * Records an option's code and display; called by the option enum's constructor.
     *
     * @throws IllegalStateException if another option of the same enum already has the code
     */
    static void define(Enum<? extends CodedAnswer> option, String code, String display) {
        CodedAnswer answer = (CodedAnswer) option;
        LABELS.put(answer, new Label(code, display));
        CodedAnswer before = BY_CODE.computeIfAbsent(option.getDeclaringClass(), type -> new HashMap<>())
                .putIfAbsent(code, answer);
        if (before != null) {
            throw new IllegalStateException(option.getDeclaringClass().getSimpleName() + " has code '" + code
                    + "' twice: " + before + " and " + option);
        }
    }

    static String code(CodedAnswer option) {
        return LABELS.get(option).code();
    }

    static String display(CodedAnswer option) {
        return LABELS.get(option).display();
    }

    /** The option of this enum with this code, or null. */
    static CodedAnswer byCode(Class<? extends Enum<?>> type, String code) {
        type.getEnumConstants(); // makes sure the enum has initialised, and so defined its options
        return BY_CODE.getOrDefault(type, Map.of()).get(code);
    }
}
