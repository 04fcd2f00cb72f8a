package dev.distillery.shared.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * JSON is read strictly, so the service and a gateway in front of it never see different documents:
 * <ul>
 *   <li>an object with a key twice ({@code {"name":"a","name":"b"}}) is refused, not read with the last value;</li>
 *   <li>a string with a NUL character is refused (PostgreSQL cannot store NUL in text or jsonb);</li>
 *   <li>a string with a lone UTF-16 surrogate (e.g. U+D800 alone) is refused: it is no Unicode text and would be
 *       stored as {@code ?}.</li>
 * </ul>
 * Each is a 400 naming the field, without echoing the value.
 */
@Configuration(proxyBeanMethods = false)
class StrictStrings {

    @Bean
    JsonMapperBuilderCustomizer strictDuplicateDetection() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    @Bean
    SimpleModule strictStringsModule() {
        return new SimpleModule("strict-strings")
                .addDeserializer(String.class, new Strings())
                .addKeyDeserializer(String.class, new Keys());
    }

    /** Why {@code text} is refused, or null when it is fine. */
    static String reason(String text) {
        if (text.indexOf('\0') >= 0) {
            return "NUL characters are not accepted";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains a lone UTF-16 surrogate (U+"
                        + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                        + " without its pair), which is not Unicode text";
            }
        }
        return null;
    }

    private static final class Strings extends StdScalarDeserializer<String> {

        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getString();
            String reason = reason(text);
            return reason == null ? text : (String) context.handleWeirdStringValue(String.class, text, reason);
        }
    }

    private static final class Keys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            String reason = reason(key);
            return reason == null ? key : context.handleWeirdKey(String.class, key, reason);
        }
    }
}
