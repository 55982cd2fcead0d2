package dev.pollux.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the annotated test class once per transport of {@code pollux-loop} ({@code --io} never
 * changes behaviour, only cost). The class takes the transport in a {@code @Parameter Transport}
 * field, or, for a server shared by the class, as the argument of a static
 * {@code @BeforeParameterizedClassInvocation} method.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "[{0}]")
@MethodSource("dev.pollux.http.TestServer#transports")
@interface OnEveryTransport {}
