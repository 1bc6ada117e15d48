package io.agentstream.spring.web;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.agentstream.protocol.EventPayload;
import io.agentstream.protocol.EventTypes;
import io.agentstream.protocol.ProtocolVersion;
import io.agentstream.spring.config.ServesApi;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): what the
 * controllers' annotations do not say once per operation. Every error response is an RFC 9457
 * problem detail ({@value #PROBLEM_JSON}, schema {@value #PROBLEM}); the events endpoint's body is
 * described from the protocol's own event records, one schema per event type, so the document lists
 * exactly the types the server sends. The checked-in copy is docs/openapi.json; {@code
 * OpenApiDocumentTest} fails when it drifts.
 *
 * <p>springdoc is an optional dependency of the starter: an application that wants the document
 * adds {@code springdoc-openapi-starter-webmvc-ui} (or {@code -api}) and gets it; one that does not
 * gets no springdoc on its classpath and no endpoints it did not ask for. Only this class touches
 * springdoc's types; the controllers' swagger annotations are inert without it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
@ServesApi
public class OpenApiConfiguration {

  /** The media type of every error response. */
  public static final String PROBLEM_JSON = "application/problem+json";

  /** The schema of every error response: an RFC 9457 problem detail. */
  public static final String PROBLEM = "Problem";

  /** The schema of the events endpoint's body, filled in from the protocol. */
  public static final String RUN_EVENT_STREAM = "RunEventStream";

  /** Descriptions of the errors several operations share. */
  public static final String RUN_NOT_FOUND = "No run has this id";

  public static final String ENGINE_UNAVAILABLE =
      "The workflow engine did not answer; retry shortly";
  private static final String ENVELOPE = "RunEventEnvelope";

  /** What each event says, in a line (docs/protocol.md has the reducer rules). */
  private static final Map<String, String> MEANINGS =
      Map.ofEntries(
          Map.entry(
              "snapshot",
              "Replace your whole view with this; its id is the lastEventId it covers. The first"
                  + " event of every connection that does not resume."),
          Map.entry(
              "run.started",
              "The run's initial state, published by the workflow; servers send it as a snapshot."),
          Map.entry("run.status", "The run is RUNNING or WAITING_FOR_INPUT."),
          Map.entry(
              "questions",
              "The agent waits for POST /api/runs/{runId}/answers; defaults apply after the"
                  + " timeout."),
          Map.entry("step.started", "The step began (attempt 1)."),
          Map.entry(
              "step.token",
              "text belongs at character offset of the step's text: one model token, or several"
                  + " merged."),
          Map.entry(
              "step.reasoning",
              "text belongs at character offset of the step's reasoning: what the model writes"
                  + " while it thinks; replaced by the step's output once it has finished."),
          Map.entry(
              "step.data",
              "The step's item at index (a place found, an action item); an existing index is"
                  + " replaced."),
          Map.entry("step.progress", "What the step is doing now."),
          Map.entry(
              "step.rewind",
              "A new attempt resumed from the last durable checkpoint: the step is now exactly"
                  + " this."),
          Map.entry("step.retrying", "The attempt failed; Temporal will retry it."),
          Map.entry(
              "step.completed",
              "The step's final output (status COMPLETED, CUT_SHORT or SKIPPED)."),
          Map.entry("step.failed", "The step gave up."),
          Map.entry("run.completed", "Terminal: the run's result. The server closes the stream."),
          Map.entry("run.failed", "Terminal: the run failed."),
          Map.entry("run.cancelled", "Terminal: the run was cancelled."));

  @Bean
  OpenAPI agentstreamOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("agentstream API")
                .version(Integer.toString(ProtocolVersion.CURRENT))
                .description(
                    "Durable, streaming LLM agent runs on Temporal: submit a run, stream it as"
                        + " Server-Sent Events (resumable with Last-Event-ID), poll its snapshot,"
                        + " answer its questions, finish it now or cancel it. Errors are RFC 9457"
                        + " problem details. The version is the event protocol's ("
                        + ProtocolVersion.HEADER
                        + " header, docs/protocol.md).")
                .license(
                    new License()
                        .name("Apache License, Version 2.0")
                        .url("https://www.apache.org/licenses/LICENSE-2.0.txt")))
        .servers(List.of(new Server().url("/").description("the server this document came from")))
        // Declared, so their order does not depend on the order controllers are found in.
        .tags(
            List.of(
                new Tag().name("Runs").description("Submit, inspect, answer, stop and list runs"),
                new Tag().name("Events").description("A run's events as Server-Sent Events"),
                new Tag().name("Agents").description("The agents this deployment runs")))
        .components(new Components().addSchemas(PROBLEM, problemSchema()));
  }

  /** Adds one schema per event type and the stream's schema, all from the protocol's records. */
  @Bean
  OpenApiCustomizer runEventSchemas() {
    return openApi -> {
      Components components = openApi.getComponents();
      components.addSchemas(ENVELOPE, envelopeSchema());
      ModelConverters converters = ModelConverters.getInstance(true);
      Map<String, String> mapping = new LinkedHashMap<>();
      List<Schema> oneOf = new ArrayList<>();
      for (JsonSubTypes.Type subtype :
          EventPayload.class.getAnnotation(JsonSubTypes.class).value()) {
        String type = EventTypes.nameOf(subtype.value());
        ResolvedSchema payload =
            converters.resolveAsResolvedSchema(
                new AnnotatedType(subtype.value()).resolveAsRef(false));
        // The payload's own schema is inlined below; what it refers to (RunSnapshot, ...) is added.
        new TreeMap<>(payload.referencedSchemas)
            .forEach(
                (name, schema) -> {
                  if (!name.equals(subtype.value().getSimpleName())) {
                    components.addSchemas(name, schema);
                  }
                });
        Schema<?> fields = new ObjectSchema();
        Map<String, Schema> properties = payload.schema.getProperties();
        if (properties != null) {
          properties.forEach(
              (name, schema) -> {
                if (!name.equals("type")) {
                  fields.addProperty(name, schema);
                }
              });
        }
        if (payload.schema.getRequired() != null) {
          fields.setRequired(payload.schema.getRequired());
        }
        String name = subtype.value().getSimpleName() + "Event";
        Schema<?> event =
            new Schema<>()
                .description(
                    "`" + type + "`: " + MEANINGS.getOrDefault(type, "see docs/protocol.md"))
                .addAllOfItem(new Schema<>().$ref(ENVELOPE))
                .addAllOfItem(fields)
                .addAllOfItem(
                    new ObjectSchema().addProperty("type", new StringSchema()._const(type)));
        components.addSchemas(name, event);
        mapping.put(type, "#/components/schemas/" + name);
        oneOf.add(new Schema<>().$ref(name));
      }
      components.addSchemas(
          RUN_EVENT_STREAM,
          new Schema<>()
              .description(
                  "Each SSE event: `id:` the event's seq, `event:` its type, `data:` one JSON"
                      + " object, the envelope and the type's fields side by side. Comment lines"
                      + " (`: keep-alive`) arrive when nothing else does. Clients ignore types and"
                      + " fields they do not know.")
              .oneOf(oneOf)
              .discriminator(new Discriminator().propertyName("type").mapping(mapping)));
    };
  }

  private static Schema<?> envelopeSchema() {
    return new ObjectSchema()
        .description(
            "The fields every event has (RunEvent); the type's own fields sit next to them.")
        .addProperty("runId", new StringSchema().description("the run"))
        .addProperty(
            "seq",
            new IntegerSchema()
                .format("int64")
                .description("per run, strictly increasing; the SSE id"))
        .addProperty(
            "type",
            new StringSchema()
                ._enum(new ArrayList<>(EventTypes.all()))
                .description("the event type; the SSE event name"))
        .addProperty(
            "step", new StringSchema().description("the step, for step events; absent otherwise"))
        .addProperty(
            "attempt",
            new IntegerSchema()
                .description("the step attempt that produced it; 0 for the workflow's own events"))
        .addProperty(
            "ts",
            new IntegerSchema()
                .format("int64")
                .description("epoch milliseconds when the live channel accepted it"))
        .required(List.of("runId", "seq", "type", "ts"));
  }

  /** RFC 9457, as Spring's {@code ProblemDetail} writes it. */
  private static Schema<?> problemSchema() {
    return new ObjectSchema()
        .description("An RFC 9457 problem detail")
        .addProperty("type", new StringSchema().format("uri").description("about:blank unless set"))
        .addProperty("title", new StringSchema().description("the kind of problem"))
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema().description("what was wrong, for a person"))
        .addProperty("instance", new StringSchema().format("uri").description("the request path"));
  }
}
