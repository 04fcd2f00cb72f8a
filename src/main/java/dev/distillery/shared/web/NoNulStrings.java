package dev.distillery.shared.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * JSON strings with a NUL character are refused at reading, naming the field: PostgreSQL cannot
 * store NUL in text or jsonb, so such a value would otherwise fail deep in a transaction.
 */
@Configuration(proxyBeanMethods = false)
class NoNulStrings {

    private static final String REASON = "NUL characters are not accepted";

    @Bean
    SimpleModule noNulStringsModule() {
        return new SimpleModule("no-nul-strings")
                .addDeserializer(String.class, new Strings())
                .addKeyDeserializer(String.class, new Keys());
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
            return text.indexOf('\0') < 0 ? text : (String) context.handleWeirdStringValue(String.class, text, REASON);
        }
    }

    private static final class Keys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            return key.indexOf('\0') < 0 ? key : context.handleWeirdKey(String.class, key, REASON);
        }
    }
}
